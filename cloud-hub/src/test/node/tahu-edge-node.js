// An edge node built on Eclipse Tahu's JavaScript client (npm sparkplug-client), as a third-party integrator would
// write one: it subscribes the way Tahu does (NCMD/<node>/#, DCMD/<node>/#), births, sends data, loses one seq on
// purpose, and answers the host's rebirth request. One line per event on stdout, for the Java test to read.
//
//   node tahu-edge-node.js <serverUrl> <group> <node> <user> <password> <device> <point> <unit> <t0 ms>
const sparkplug = require('sparkplug-client');

const [serverUrl, group, node, user, password, device, point, unit, t0text] = process.argv.slice(2);
const t0 = Number(t0text);
const say = (line) => process.stdout.write(line + '\n');

const client = sparkplug.newClient({
  serverUrl, groupId: group, edgeNode: node, username: user, password,
  clientId: 'tahu-' + node + '-' + process.pid, version: 'spBv1.0',
});

const births = () => {
  client.publishNodeBirth({
    timestamp: Date.now(),
    metrics: [
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      { name: 'Properties/Vendor', type: 'String', value: 'Eclipse Tahu (npm sparkplug-client)' },
    ],
  });
  client.publishDeviceBirth(device, {
    timestamp: Date.now(),
    metrics: [{ name: point, type: 'Double', value: 0, timestamp: t0 - 1000, properties: { engUnit: { type: 'String', value: unit } } }],
  });
};
const data = (value, at) => client.publishDeviceData(device, {
  timestamp: Date.now(),
  metrics: [{ name: point, type: 'Double', value, timestamp: at }],
});

let reborn = false;
let untrusted;
client.on('error', (e) => { say('error ' + e.message); process.exit(2); });
client.on('birth', () => {
  say('connected');
  births();
  data(1, t0);
  say('sent value=1');
  client.incrementSeqNum(); // a message lost on the way: the host sees a gap in seq
  // a real node keeps sending; the host asks for a rebirth at most every few seconds
  let n = 0;
  untrusted = setInterval(() => { data(2, t0 + 60000 + n++); say('sent value=2 after-gap'); }, 500);
});
client.on('ncmd', (payload) => {
  const rebirth = (payload.metrics || []).some((m) => m.name === 'Node Control/Rebirth' && m.value === true);
  say('ncmd rebirth=' + rebirth);
  if (rebirth && !reborn) {
    reborn = true;
    clearInterval(untrusted);
    births();
    data(3, t0 + 120000);
    say('sent value=3 after-rebirth');
    setTimeout(() => { client.stop(); say('done'); process.exit(0); }, 500);
  }
});
setTimeout(() => { say('timeout no rebirth request'); process.exit(3); }, 20000);
