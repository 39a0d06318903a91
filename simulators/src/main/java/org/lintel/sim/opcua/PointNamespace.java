package org.lintel.sim.opcua;

import java.util.List;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilters;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.lintel.profile.Point;
import org.lintel.profile.opcua.OpcUaAddress;
import org.lintel.site.Connection;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;

/**
 * One OPC UA namespace (by URI) of a simulated server: an object folder per device root (e.g. {@code B1-L1}) with a
 * variable per profile point, whose value is read from the simulated device at every read or sampling.
 */
final class PointNamespace extends ManagedNamespaceWithLifecycle {

    private final SubscriptionModel subscriptions;
    private final List<SimDevice> devices;
    private final SimClock clock;

    PointNamespace(OpcUaServer server, String uri, List<SimDevice> devices, SimClock clock) {
        super(server, uri);
        this.devices = devices;
        this.clock = clock;
        this.subscriptions = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptions);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    private NodeId nodeId(OpcUaAddress a, String root) {
        String id = root == null ? a.identifier() : a.identifier().replace(OpcUaAddress.ROOT, root);
        return switch (a.identifierType()) {
            case "i" -> new NodeId(getNamespaceIndex(), UInteger.valueOf(Long.parseLong(id)));
            case "g" -> new NodeId(getNamespaceIndex(), java.util.UUID.fromString(id));
            default -> new NodeId(getNamespaceIndex(), id);
        };
    }

    private void createNodes() {
        for (SimDevice device : devices) {
            String root = ((Connection.OpcUa) device.device().connection()).root();
            String name = root != null ? root : device.id();
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(name), newQualifiedName(name), LocalizedText.english(name));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), Identifiers.Organizes, Identifiers.ObjectsFolder.expanded(), false));
            for (Point p : device.profile().points()) {
                if (!(p.address() instanceof OpcUaAddress a) || !a.namespaceUri().equals(getNamespaceUri())) {
                    continue;
                }
                NodeId id = nodeId(a, root);
                String browse = id.getIdentifier().toString();
                browse = browse.contains(".") ? browse.substring(browse.lastIndexOf('.') + 1) : browse;
                UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(id)
                        .setAccessLevel(AccessLevel.READ_ONLY)
                        .setUserAccessLevel(AccessLevel.READ_ONLY)
                        .setBrowseName(newQualifiedName(browse))
                        .setDisplayName(LocalizedText.english(p.label().in(java.util.Locale.ENGLISH, browse)))
                        .setDataType(Variants.dataType(p.type()))
                        .setTypeDefinition(Identifiers.BaseDataVariableType)
                        .build();
                node.getFilterChain().addLast(AttributeFilters.getValue(ctx -> read(device, p)));
                getNodeManager().addNode(node);
                folder.addOrganizes(node);
            }
        }
    }

    private DataValue read(SimDevice device, Point p) {
        if (device.faults().silent()) {
            return new DataValue(StatusCode.BAD);
        }
        return new DataValue(Variants.of(p, device.value(p, clock.now())));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        subscriptions.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        subscriptions.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        subscriptions.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        subscriptions.onMonitoringModeChanged(items);
    }
}
