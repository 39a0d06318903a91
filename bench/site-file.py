# A community of about the given size in MB (argument 1, read as two thirds: the text overshoots), written to argument 2; for bench/site-validate.sh.
import sys
target = int(float(sys.argv[1]) * 1024 * 1024)
out = ["site:\n  id: big-garden\n  name: {en: Big Garden, zh: 大花园}\n  timeZone: Asia/Shanghai\nbuildings:\n"]
size = sum(map(len, out)); b = 0
dev = []
gws = []
while size < target * 0.45:
    b += 1
    s = f"  - id: b{b}\n    floors:\n"
    for f in range(1, 21):
        s += f"      - level: {f}\n        units:\n"
        for u in range(1, 5):
            s += f"          - {{id: b{b}-{f:02d}{u:02d}, area: 88.50}}\n"
    out.append(s); size += len(s)
    gws.append(f"  - id: gw-b{b}\n    building: b{b}\n    buses:\n      - {{id: em{b}, modbusTcp: {{host: 127.0.0.1, port: {20000 + b}}}}}\n    uplink: {{broker: \"tcp://127.0.0.1:1883\", username: gw-b{b}, password: \"${{GW_PASSWORD:-secret}}\"}}\n")
    for f in range(1, 21):
        for u in range(1, 5):
            dev.append(f"  - {{id: b{b}-{f:02d}{u:02d}-em, profile: eastron-sdm120, modbus: {{bus: em{b}, unitId: {(f-1)*4+u}}}, serves: {{unit: b{b}-{f:02d}{u:02d}}}}}\n")
out.append("gateways:\n"); out += gws
out.append("devices:\n"); out += dev
open(sys.argv[2], "w").write("".join(out))
