package org.lintel.hub.maintenance.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.maintenance.ChecklistItem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The templates shipped with the hub (lifts per TSG T5002, fire systems, water supply), read from their YAML files. */
public final class PlanTemplates {

    static final List<String> BUILT_IN = List.of("lift-tsg-t5002", "fire-inspection", "water-supply");

    private final Map<String, PlanTemplate> templates = new LinkedHashMap<>();

    private PlanTemplates() {
    }

    public static PlanTemplates builtIn() {
        PlanTemplates t = new PlanTemplates();
        for (String id : BUILT_IN) {
            String file = id + ".yaml";
            try (InputStream in = PlanTemplates.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("plan template " + file + " is missing from the hub's jar");
                }
                Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                t.templates.put(id, read(file, (Map<?, ?>) doc));
            } catch (IOException e) {
                throw new UncheckedIOException("reading plan template " + file, e);
            }
        }
        return t;
    }

    public Optional<PlanTemplate> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    public List<PlanTemplate> all() {
        return List.copyOf(templates.values());
    }

    static PlanTemplate read(String file, Map<?, ?> m) {
        Map<?, ?> name = (Map<?, ?>) m.get("name");
        List<PlanTemplate.Level> levels = new ArrayList<>();
        for (Object o : (List<?>) m.get("levels")) {
            Map<?, ?> l = (Map<?, ?>) o;
            levels.add(new PlanTemplate.Level(str(l.get("id")), str(l.get("zh")), str(l.get("en")), ((Number) l.get("months")).intValue()));
        }
        String source = str(m.get("source"));
        PlanTemplate t0 = new PlanTemplate(str(m.get("id")), str(name.get("zh")), str(name.get("en")), source, str(m.get("equipmentKind")),
                ((Number) m.get("everyDays")).intValue(), levels, List.of());
        List<PlanTemplate.Item> items = new ArrayList<>();
        int n = 0;
        for (Object o : (List<?>) m.get("items")) {
            Map<?, ?> i = (Map<?, ?>) o;
            String level = str(i.get("level"));
            String type = i.get("type") == null ? "pass-fail" : str(i.get("type"));
            if (t0.levelIndex(level) < 0 || !ChecklistItem.TYPES.contains(type)) {
                throw new IllegalStateException(file + ": items[" + n + "] (" + i.get("code") + ") has level '" + level + "' or type '" + type
                        + "'; levels: " + levels.stream().map(PlanTemplate.Level::id).toList() + ", types: " + ChecklistItem.TYPES);
            }
            items.add(new PlanTemplate.Item(str(i.get("code")), level, str(i.get("zh")), str(i.get("en")), type, dec(i.get("min")), dec(i.get("max")),
                    str(i.get("unit")), i.get("source") == null ? source : str(i.get("source")), (Integer) i.get("everyYears"),
                    (Integer) i.get("everyYearAfterYears")));
            n++;
        }
        return new PlanTemplate(t0.id(), t0.nameZh(), t0.nameEn(), source, t0.equipmentKind(), t0.everyDays(), levels, items);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static BigDecimal dec(Object o) {
        return o == null ? null : new BigDecimal(String.valueOf(o));
    }
}
