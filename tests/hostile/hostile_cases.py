# The cases of the hostile-input campaign (campaign.py), grouped by what they attack. Each case is
# files to write, regsim arguments ({dir}: the case's directory, {out}: an output directory that
# must stay untouched), what must happen and regular expressions its stderr must contain.
import re

SMALL = "world.seed = 1\nworld.cities = 20\nworld.years = 1\nworld.initial_firms = 200\n"
HUGE = "x" * 200_000
BATCH = 40  # keys per file: every error must be reported (a report keeps 100)


class Case:
    def __init__(self, name, files, args, must=(), expect="usage", existing_out=False):
        self.name, self.files, self.args = name, files, args
        self.must, self.expect, self.existing_out = list(must), expect, existing_out

    def materialise(self, d):
        import os
        for rel, content in self.files.items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            if isinstance(content, tuple):
                kind = content[0]
                if kind == "fifo":
                    os.mkfifo(p)
                elif kind == "symlink":
                    os.symlink(content[1], p)
                elif kind == "dir":
                    os.makedirs(p)
                continue
            with open(p, "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode())


class Key:
    def __init__(self, name, default, kind, lo=None, hi=None, choices=()):
        self.name, self.default, self.kind = name, default, kind
        self.lo, self.hi, self.choices = lo, hi, choices

    @property
    def integral(self):
        return (self.kind == "number" and self.lo is not None and float(self.lo).is_integer()
                and float(self.hi).is_integer() and re.fullmatch(r"-?\d+", self.default or "x"))


def parse_params(text):
    """The keys of `regsim params`: name, default, range [lo, hi] or choices a|b, or neither."""
    keys = []
    for line in text.splitlines():
        m = re.match(r"(\S+)\s+(required|\"[^\"]*\"|\S+)\s+(.*)$", line)
        if not m:
            continue
        name, default, rest = m.groups()
        r = re.match(r"\[(\S+), (\S+)\]\s", rest)
        c = re.match(r"([A-Za-z0-9_|]+)\s{2,}", rest)
        if r:
            keys.append(Key(name, default, "number", float(r.group(1)), float(r.group(2))))
        elif default in ("true", "false"):
            keys.append(Key(name, default, "bool"))
        elif c and default.startswith('"') and ("|" in c.group(1) or c.group(1) == default[1:-1]):
            keys.append(Key(name, default, "choice", choices=c.group(1).split("|")))
        else:
            keys.append(Key(name, default, "text"))
    return keys


def number(k, v):
    if k.integral and float(v).is_integer() and abs(v) < 2**63:
        return str(int(v))
    return repr(float(v))


def bad_values(k):
    """(label, TOML value) pairs every key must refuse, for its kind."""
    common = [("array", "[1, 2]"), ("table", "{ a = 1 }"), ("date", "1979-05-27"),
              ("time", "07:32:00"), ("huge", f'"{HUGE}"'), ("control", '"a\\u0000b\\nc"')]
    if k.kind == "number":
        lo_gap = max(1.0, abs(k.lo)) if k.lo is not None else 1.0
        hi_gap = max(1.0, abs(k.hi)) if k.hi is not None else 1.0
        out = [("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ("string", '"12"'),
               ("bool", "true"), ("below", number(k, k.lo - lo_gap)),
               ("above", number(k, k.hi + hi_gap)), ("1e308", "-1e308" if k.lo > -1e308 else "1e308")]
        return out + common
    if k.kind == "choice":
        return [("unknown", '"no_such_choice"'), ("empty", '""'), ("number", "1"),
                ("case", '"' + k.choices[0].upper() + '"'), ("bool", "true")] + common
    if k.kind == "bool":
        return [("string", '"true"'), ("number", "1"), ("float", "0.0")] + common
    # Free text (a track's family, world.map): the wrong types and the malformed strings.
    empty = [] if k.name == "world.map" else [("empty", '""')]  # "" is the synthetic world
    return [("number", "1"), ("bool", "true")] + empty + common


def batched(items, n):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def config_value_cases(keys):
    """Every key at every bad value, in files of BATCH keys: each must be named with its line."""
    out = []
    labels = sorted({label for k in keys for label, _ in bad_values(k)})
    for label in labels:
        subjects = [k for k in keys if any(l == label for l, _ in bad_values(k))]
        for b, batch in enumerate(batched(subjects, BATCH)):
            lines = [] if any(k.name == "world.seed" for k in batch) else ["world.seed = 1"]
            must = []
            for k in batch:
                value = dict(bad_values(k))[label]
                lines.append(f"{k.name} = {value}")
                must.append(re.escape(f"c.toml:{len(lines)}: {k.name}"))
            files = {"c.toml": "\n".join(lines) + "\n"}
            out.append(Case(f"config-{label}-{b}", files, ["run", "--quiet", "c.toml", "--out",
                                                           "{out}"], must))
    return out


def set_value_cases(keys):
    """The same values through --set KEY=VALUE: each named as '--set: KEY'."""
    out = []
    plain = {"nan": "nan", "inf": "inf", "-inf": "-inf", "string": "abc", "huge": "x" * 20_000}
    numbers = [k for k in keys if k.kind == "number"]

    def case(name, batch, value):
        args = ["run", "--quiet", "c.toml", "--out", "{out}"]
        for k in batch:
            args += ["--set", f"{k.name}={value(k)}"]
        out.append(Case(name, {"c.toml": SMALL}, args, [re.escape(f"--set: {k.name}") for k in batch]))

    for label, raw in plain.items():
        subjects = numbers
        if label in ("string", "huge"):
            subjects = [k for k in keys if k.kind in ("number", "bool")]
        for b, batch in enumerate(batched(subjects, BATCH)):
            case(f"set-{label}-{b}", batch, lambda k: raw)
    # Out of range: the file cases cover every key; --set shares their checks (one batch).
    case("set-above", numbers[:BATCH], lambda k: number(k, k.hi + max(1.0, abs(k.hi))))
    for label, arg, must in (
        ("no-equals", "market.kappa", r"--set"), ("empty-key", "=1", r"--set"),
        ("unknown-key", "market.kapa=1", r"--set: market.kapa: unknown key"),
        ("table-key", "market=1", r"--set: market"), ("unicode-key", "市场.kappa=1", r"--set: "),
        ("huge-key", "k" * 100_000 + "=1", r"--set: "), ("nul-ish", "market.kappa=0\x01", r"--set: market.kappa"),
        ("schedule", "schedule=1", r"--set: schedule")):
        out.append(Case(f"set-{label}", {"c.toml": SMALL},
                        ["run", "--quiet", "c.toml", "--out", "{out}", "--set", arg], [must]))
    return out


def syntax_cases():
    """TOML abuse: every case names the file and, where it has one, the line."""
    c = lambda text: {"c.toml": text}
    run = ["run", "--quiet", "c.toml", "--out", "{out}"]
    deep_array = "x = " + "[" * 100_000 + "]" * 100_000 + "\n"
    deep_table = "x = " + "{a=" * 50_000 + "1" + "}" * 50_000 + "\n"
    many_keys = SMALL + "".join(f"k{i} = {i}\n" for i in range(200_000))
    dotted = ".".join(["a"] * 100_000)
    items = [
        ("duplicate-key", SMALL + "world.cities = 30\n", [r"c\.toml:5"]),
        ("duplicate-table", SMALL + "[market]\nkappa = 0\n[market]\nkappa = 1\n", [r"c\.toml:7"]),
        ("duplicate-dotted-table", SMALL + "[market]\nkappa = 0\n[world]\nyears = 2\n",
         [r"c\.toml:7"]),
        ("unterminated-string", SMALL + 'world.graph = "knn\n', [r"c\.toml:5"]),
        ("int-overflow", SMALL + "world.initial_firms = 99999999999999999999\n", [r"c\.toml:5"]),
        ("float-overflow", SMALL + "market.kappa = 1e999\n", [r"c\.toml:5"]),
        ("hex-huge", "world.seed = 1\nworld.initial_firms = 0x7fffffffffffffff\n",
         [r"c\.toml:2: world\.initial_firms"]),
        ("negative-min-int", "world.seed = 1\nworld.initial_firms = -9223372036854775808\n",
         [r"c\.toml:2: world\.initial_firms"]),
        ("invalid-utf8", SMALL.encode() + b'world.graph = "\xff\xfe"\n', [r"c\.toml:5"]),
        ("nul-byte", SMALL.encode() + b"market.kappa = 0\x00\n", [r"c\.toml:5"]),
        ("bom-then-garbage", b"\xef\xbb\xbf" + b"= 1\n", [r"c\.toml:1"]),
        ("only-bom", b"\xef\xbb\xbf", [r"c\.toml.*world\.seed"]),
        ("empty", "", [r"c\.toml.*world\.seed"]),
        ("comments-only", "# nothing\n\n# here\n", [r"c\.toml.*world\.seed"]),
        ("unicode-bare-key", SMALL + "市场.kappa = 1\n", [r"c\.toml:5"]),
        ("unicode-key", SMALL + '"市场".kappa = 1\n', [r"c\.toml:5: 市场\.kappa: unknown key"]),
        ("unicode-table", SMALL + '["市场"]\nkappa = 1\n', [r"c\.toml:6: 市场\.kappa: unknown key"]),
        ("rtl-override-key", SMALL + '"market\u202e".kappa = 1\n', [r"c\.toml:5: market"]),
        ("huge-key", SMALL + "k" * 100_000 + " = 1\n", [r"c\.toml:5"]),
        ("huge-line-comment", SMALL + "#" + "x" * 1_000_000 + "\nmarket.kapa = 1\n",
         [r"c\.toml:6: market\.kapa: unknown key"]),
        ("deep-array", SMALL + deep_array, [r"c\.toml:5"]),
        ("deep-inline-table", SMALL + deep_table, [r"c\.toml:5"]),
        ("deep-tables", SMALL + "[" + ".".join(["a"] * 100_000) + "]\nx = 1\n",
         [r"c\.toml:5: a key or table nested deeper"]),
        ("deep-dotted-key", SMALL + ".".join(["a"] * 100_000) + " = 1\n",
         [r"c\.toml:5: a key or table nested deeper"]),
        ("deep-inline-dotted-key", SMALL + "x = { " + dotted + " = 1 }\n",
         [r"c\.toml:5: a key or table nested deeper"]),
        ("deep-dotted-key-in-array", SMALL + "x = [\n  { b = 1 },\n  { " + dotted + " = 1 },\n]\n",
         [r"c\.toml:7: a key or table nested deeper"]),
        ("deep-mixed", SMALL + "[" + ".".join(["h"] * 30) + "]\nx = [[{ a = 1 }]]\n",
         [r"c\.toml:6: a key or table nested deeper"]),
        ("deep-quoted-dots", SMALL + '"' + "." * 1000 + '" = 1\n', [r"c\.toml:5: \.\.\..*unknown key"]),
        ("empty-unknown-table", SMALL + "[a.b]\n", [r"c\.toml:5: a\.b: unknown table"]),
        ("empty-unknown-tables", SMALL + "[market]\n[markt]\n[world.x]\n",
         [r"c\.toml:6: markt: unknown table", r"c\.toml:7: world\.x: unknown table"]),
        ("empty-inline-table", SMALL + "zz = {}\n", [r"c\.toml:5: zz: unknown table"]),
        ("empty-nested-table", SMALL + "[a]\n[a.b]\n[a.b.c]\n", [r"c\.toml:7: a\.b\.c: unknown"]),
        ("empty-unknown-track", SMALL + "[tracks.nope]\n", [r"c\.toml:5: tracks\.nope: unknown table"]),
        ("empty-table-for-value", SMALL + "[market.kappa]\n",
         [r"c\.toml:5: market\.kappa: is a parameter, not a table"]),
        # [policy] holds only old keys (aliases) and is a table; inside it the names still count.
        ("empty-old-table-unknown", SMALL + "[policy]\n[policy.zz]\n", [r"c\.toml:6: policy\.zz: unknown table"]),
        ("empty-old-table-for-value", SMALL + "[policy.bailouts]\n",
         [r"c\.toml:5: policy\.bailouts: is a parameter, not a table"]),
        ("empty-member-names", SMALL + "[choice]\n[promotion]\n",
         [r"c\.toml:5: choice: unknown table", r"c\.toml:6: promotion: unknown table"]),
        ("empty-array-of-tables", SMALL + "[[a.b]]\n", [r"c\.toml:5: a\.b"]),
        ("array-of-tables-key", SMALL + "[[market]]\nkappa = 1\n", [r"c\.toml:5"]),
        ("many-unknown-keys", many_keys, [r"c\.toml:5: k0: unknown key", r"more errors"]),
        ("crlf-bad", (SMALL + "market.kappa = 2\n").replace("\n", "\r\n"),
         [r"c\.toml:5: market\.kappa"]),
        ("cr-only", SMALL.replace("\n", "\r"), [r"c\.toml"]),
        ("table-for-value", SMALL + "[market.kappa]\nx = 1\n", [r"c\.toml:6: market\.kappa\.x"]),
        ("value-for-table", SMALL + "market = 1\n", [r"c\.toml:5: market"]),
        ("tracks-value", SMALL + "tracks = 1\n", [r"c\.toml:5: tracks"]),
        ("unknown-track", SMALL + "tracks.nope.a0 = 1\n", [r"c\.toml:5: tracks\.nope"]),
        ("unknown-track-huge", SMALL + f"tracks.{HUGE}.a0 = 1\n", [r"c\.toml:5: tracks\."]),
    ]
    return [Case(f"syntax-{n}", c(t), run, m) for n, t, m in items]


def schedule_cases():
    run = ["run", "--quiet", "c.toml", "--out", "{out}"]
    s = lambda body: {"c.toml": SMALL + "[[schedule]]\n" + body}
    # A bad time before a good change: (label, the time, the line of the error).
    kappa = 'set = { "market.kappa" = 0.1 }\n'
    times = [("year-nan", "year = nan", "6"), ("year-inf", "year = inf", "6"),
             ("year-negative", "year = -1", "6"), ("year-huge", "year = 9223372036854775807", "6"),
             ("year-float", "year = 1.5", "6"), ("year-string", 'year = "1"', "6"),
             ("tick-huge", "tick = 4294967296", "6"), ("tick-and-year", "tick = 1\nyear = 1", r"\d+")]
    items = [(n, t + "\n" + kappa, rf"c\.toml:{line}: schedule") for n, t, line in times]
    # A good time before a bad change: (label, what follows the time, the line, what it names).
    sets = [("set-not-table", "set = 1", "7", "schedule"), ("set-empty", "set = {}", r"\d+", "schedule"),
            ("set-unknown", 'set = { "market.kapa" = 0.1 }', "7", r".*market\.kapa"),
            ("set-nan", 'set = { "market.kappa" = nan }', "7", r".*market\.kappa"),
            ("set-range", 'set = { "market.kappa" = 7 }', "7", r".*market\.kappa"),
            ("set-fixed-key", 'set = { "world.cities" = 30 }', "7", r".*world\.cities"),
            ("set-huge", f'set = {{ "policy.evaluation" = "{HUGE}" }}', "7", r".*policy\.evaluation"),
            ("set-empty-table", 'set = { "market.kappa" = 0.1, zz = {} }', "7", "zz: unknown table"),
            ("set-conduct", 'set = { "market.conduct" = "monopoly" }', "7", r".*market\.conduct"),
            ("set-soft-budget", 'set = { "exit.must_run" = 2 }', "7", r".*exit\.must_run"),
            ("set-empty-old-subtable", 'set = { "market.kappa" = 0.1, policy = { zz = {} } }', "7",
             r"policy\.zz: unknown table"),
            ("set-empty-subtable", '[schedule.set]\n"market.kappa" = 0.1\n[schedule.set.zz]', "9",
             "zz: unknown table"),
            ("empty-field-table", kappa + "[schedule.when]", "8", r"schedule\.when"),
            ("unknown-field", "when = 1\n" + kappa.rstrip("\n"), "7", ".*when")]
    items += [(n, f"year = 0\n{t}\n", rf"c\.toml:{line}: {names}") for n, t, line, names in sets]
    items += [("no-time", kappa, r"c\.toml:\d+: schedule"),
              ("no-set", "year = 0\n", r"c\.toml:\d+: schedule")]
    out = [Case(f"schedule-{n}", s(b), run, [m]) for n, b, m in items]
    out.append(Case("schedule-as-table", {"c.toml": SMALL + "[schedule]\nyear = 0\n"}, run,
                    [r"c\.toml:6: schedule\.year"]))
    many = SMALL + "".join(f'[[schedule]]\ntick = {i % 4}\nset = {{ "market.kappa" = 9 }}\n'
                           for i in range(5000))
    out.append(Case("schedule-many-bad", {"c.toml": many}, run,
                    [r"c\.toml:7: .*market\.kappa", r"more errors"]))
    return out


NODES = "code,name,province,lon,lat\n1,a,P,100,30\n2,b,P,101,30\n3,c,Q,101,31\n"
EDGES = "code_a,code_b\n1,2\n2,3\n"


def map_cases():
    cfg = SMALL.replace("world.cities = 20\n", "") + 'world.map = "m"\n'
    run = ["run", "--quiet", "c.toml", "--out", "{out}"]
    n, e = "m/nodes.csv", "m/edges.csv"
    items = [
        ("nodes-missing-column", {n: "code,name,lon,lat\n1,a,100,30\n", e: EDGES}, r"m/nodes\.csv:1.*province"),
        ("nodes-duplicate-code", {n: NODES + "1,d,Q,102,31\n", e: EDGES}, r"m/nodes\.csv:5"),
        ("nodes-duplicate-column", {n: "code,code,name,province,lon,lat\n1,1,a,P,100,30\n", e: EDGES},
         r"m/nodes\.csv:1"),
        ("nodes-invalid-utf8", {n: NODES.encode().replace(b",c,", b",\xff\xfe,"), e: EDGES},
         r"m/nodes\.csv:4"),
        ("nodes-header-only", {n: "code,name,province,lon,lat\n", e: EDGES}, r"m/nodes\.csv"),
        ("nodes-empty", {n: "", e: EDGES}, r"m/nodes\.csv"),
        ("nodes-one-city", {n: "code,name,province,lon,lat\n1,a,P,100,30\n", e: "code_a,code_b\n"},
         r"m/nodes\.csv"),
        ("nodes-huge-code", {n: NODES.replace("\n3,", "\n" + "9" * 2000 + ","), e: EDGES},
         r"m/nodes\.csv:4: column 1"),
        ("nodes-bom-crlf", {n: "\ufeff" + NODES.replace("101,31", "x,31").replace("\n", "\r\n"),
                            e: EDGES}, r"m/nodes\.csv:4"),
        ("nodes-missing", {e: EDGES}, r"c\.toml:\d+: world\.map: no nodes\.csv"),
        ("nodes-fifo", {n: ("fifo",), e: EDGES}, r"m/nodes\.csv: is not a regular file"),
        ("nodes-device", {n: ("symlink", "/dev/zero"), e: EDGES}, r"m/nodes\.csv: is not a regular file"),
        ("nodes-dir", {n: ("dir",), e: EDGES}, r"m/nodes\.csv: is a directory"),
        ("nodes-dangling", {n: ("symlink", "nowhere"), e: EDGES}, r"m/nodes\.csv"),
        ("edges-self-loop", {n: NODES, e: EDGES + "3,3\n"}, r"m/edges\.csv:4"),
        ("edges-duplicate", {n: NODES, e: EDGES + "2,1\n"}, r"m/edges\.csv:4"),
        ("edges-unknown-city", {n: NODES, e: EDGES + "3,9\n"}, r"m/edges\.csv:4"),
        ("edges-missing-column", {n: NODES, e: "code_a\n1\n"}, r"m/edges\.csv:1.*code_b"),
        ("edges-bad-kind", {n: NODES, e: "code_a,code_b,kind\n1,2,teleport\n2,3,land\n"},
         r"m/edges\.csv:2"),
        ("edges-disconnected", {n: NODES + "4,d,Q,120,40\n", e: EDGES}, r"m/(edges|nodes)\.csv"),
        ("edges-missing", {n: NODES}, r"m/edges\.csv"),
        ("edges-fifo", {n: NODES, e: ("fifo",)}, r"m/edges\.csv: is not a regular file"),
        ("map-is-file", {"m": "not a directory\n"}, r"c\.toml:\d+: world\.map"),
        ("map-missing", {}, r"c\.toml:\d+: world\.map"),
        ("map-fifo", {"m": ("fifo",)}, r"c\.toml:\d+: world\.map"),
    ]
    # The third city's row (line 4) with its name or its position replaced.
    rows = [("huge-name", ",c,", "," + "n" * 70_000 + ","), ("empty-name", ",c,", ",,"),
            ("control-name", ",c,", ",c\x01\x7f,"), ("unbalanced-quote", ",c,", ',"c,'),
            ("nan", "101,31", "nan,31"), ("inf", "101,31", "101,inf"), ("lat-range", "101,31", "101,91"),
            ("lon-range", "101,31", "1e300,31"), ("hex-number", "101,31", "0x10,31"),
            ("extra-cell", "101,31", "101,31,9")]
    items += [(f"nodes-{name}", {n: NODES.replace(old, new), e: EDGES}, r"m/nodes\.csv:4")
              for name, old, new in rows]
    items += [(f"edges-{name}-distance", {n: NODES, e: f"code_a,code_b,distance_km\n1,2,{km}\n2,3,1\n"},
               r"m/edges\.csv:2") for name, km in (("negative", "-5"), ("nan", "nan"), ("huge", "1e300"))]
    out = [Case(f"map-{name}", dict(files, **{"c.toml": cfg}), run, [must])
           for name, files, must in items]
    for label, value in (("huge", HUGE), ("nul", "m\\u0000x"), ("newline", "m\\nx"),
                         ("dev", "/dev/zero"), ("root-file", "/etc/hostname")):
        files = {"c.toml": SMALL + f'world.map = "{value}"\n'}
        out.append(Case(f"map-path-{label}", files, run, [r"c\.toml:5: world\.map"]))
    big = "code,name,province,lon,lat\n" + "".join(f"{i},c{i},P{i % 30},{100 + i * 1e-4},30\n"
                                                   for i in range(6000))
    out.append(Case("map-too-many-cities", {n: big, e: EDGES, "c.toml": cfg}, run,
                    [r"m/nodes\.csv:\d+"]))
    return out


def sweep_cases():
    base = {"base.toml": SMALL}
    sweep = ["sweep", "--quiet", "s.toml", "--out", "{out}"]
    head = 'base = "base.toml"\n'
    factor = '[factors]\n"market.kappa" = [0.0]\n'
    # One bad factor (line 3).
    factors = [("nan", '"market.kappa" = [0.0, nan]', r": factors\.market\.kappa"),
               ("inf-range", '"market.kappa" = { min = 0.0, max = inf }', ""),
               ("reversed", '"market.kappa" = { min = 1.0, max = 0.0 }', ""),
               ("empty", '"market.kappa" = []', ""), ("unknown", '"market.kapa" = [0.0]', ""),
               ("huge-string", f'"policy.evaluation" = ["{HUGE}"]', ""),
               ("mixed-types", '"market.kappa" = [0.0, "a"]', ""), ("nested", '"market.kappa" = [[0.0]]', ""),
               ("many-levels", '"market.kappa" = [' + ", ".join(["0.5"] * 200_000) + "]", ""),
               ("schedule", '"schedule" = [1]', "")]
    items = [(f"factor-{n}", f"{head}[factors]\n{line}\n", r"s\.toml:3" + names)
             for n, line, names in factors]
    # A Latin hypercube's bad sample count (line 4).
    items += [(f"samples-{n}", head + f'[design]\nkind = "lhs"\nsamples = {v}\n[factors]\n'
               '"market.kappa" = { min = 0.0, max = 1.0 }\n', r"s\.toml:4: design\.samples")
              for n, v in (("zero", "0"), ("huge", "9223372036854775807"), ("nan", "nan"))]
    # A bad base experiment, or a table that names nothing, before a good factor.
    tops = [("base-self", 'base = "s.toml"', r"s\.toml"),
            ("base-missing", 'base = "nope.toml"', r"nope\.toml"),
            ("base-dir", 'base = "."', r"is a directory"),
            ("base-fifo", 'base = "f"', r"f: is not a regular file"),
            ("base-number", "base = 1", r"s\.toml:1: base"), ("base-huge", f'base = "{HUGE}"', r"s\.toml"),
            ("base-bad", 'base = "bad.toml"', r"bad\.toml:1: market\.kappa"),
            ("empty-unknown-section", head + "[factorz]", r"s\.toml:2: factorz: unknown table"),
            ("empty-fixed-table", head + "[fixed.markt]", r"s\.toml:2: fixed\.markt: unknown table"),
            ("empty-fixed-old-table", head + "[fixed.policy.zz]",
             r"s\.toml:2: fixed\.policy\.zz: unknown table"),
            ("empty-factor-table", head + "[factors.zz]", r"s\.toml:\d: factors\.zz: unknown table"),
            ("empty-design-table", head + "[design.x]", r"s\.toml:2: design\.x: unknown table"),
            ("empty-array-of-tables", head + "[[runs]]", r"s\.toml:2: runs")]
    items += [(n, f"{top}\n{factor}", must) for n, top, must in tops]
    items += [
        ("fixed-range", head + '[fixed]\n"market.kappa" = 5\n', r"s\.toml:3: fixed\.market\.kappa"),
        ("duplicate-factor", head + '[factors]\n"market.kappa" = [0.0]\n[fixed]\n"market.kappa" = 1.0\n',
         r"s\.toml:\d+.*market\.kappa"),
        ("design-unknown", head + '[design]\nkind = "nope"\n[factors]\n"market.kappa" = [0.0]\n',
         r"s\.toml:3: design\.kind"),
        ("grid-explosion", head + "[factors]\n" + "".join(
            f'"tracks.{t}.signal" = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]\n'
            for t in ("pv", "battery", "ev", "semiconductor", "ai", "biomedicine", "low_altitude",
                      "new_materials", "equipment")), r"s\.toml.*runs"),
        ("seeds-negative", head + '[seeds]\nreplicates = -1\n[factors]\n"market.kappa" = [0.0]\n',
         r"s\.toml:3: seeds\.replicates"),
        ("unknown-section", head + "[factorz]\nx = 1\n", r"s\.toml:3: factorz\.x"),
        ("deep-inline-dotted-key", head + "x = { " + ".".join(["a"] * 100_000) + " = 1 }\n",
         r"s\.toml:2: a key or table nested deeper"),
    ]
    out = []
    for name, text, must in items:
        files = dict(base, **{"s.toml": text, "f": ("fifo",), "bad.toml": "market.kappa = 9\n"})
        out.append(Case(f"sweep-{name}", files, sweep, [must]))
    for kind, must in (("fifo", r"s\.toml: is not a regular file"), ("dir", r"s\.toml: is a directory")):
        out.append(Case(f"sweep-file-{kind}", dict(base, **{"s.toml": (kind,)}), sweep, [must]))
    for store, label in ((b"", "empty"), (b"SQLite format 3\x00", "truncated"),
                         (b"\xff" * 4096, "garbage")):
        files = dict(base, **{"s.toml": head + factor,
                              "o/results.sqlite": store})
        for cmd in (["sweep", "--quiet", "s.toml", "--resume", "--out", "o"],
                    ["analyze", "--quiet", "--no-plots", "o"],
                    ["merge", "o", "--out", "{out}"]):
            out.append(Case(f"store-{label}-{cmd[0]}", files, cmd, [r"o/results\.sqlite"]))
    mapped = {"base.toml": SMALL.replace("world.cities = 20\n", "") + 'world.map = "m"\n',
              "m/nodes.csv": NODES, "m/edges.csv": EDGES, "s.toml": head + factor}
    for name, file, special in (("outlines-fifo", "outlines", ("fifo",)),
                                ("nodes-device", "nodes", ("symlink", "/dev/zero"))):
        out.append(Case(f"sweep-{name}", dict(mapped, **{f"m/{file}.csv": special}), sweep,
                        [rf"m/{file}\.csv: is not a regular file"]))
    files = dict(base, **{"s.toml": head + factor,
                          "o/results.sqlite": ("symlink", "/etc/hostname")})
    out.append(Case("store-symlink", files, ["sweep", "--quiet", "s.toml", "--resume", "--out", "o"],
                    [r"o/results\.sqlite"]))
    return out


def cli_cases():
    ok = {"c.toml": SMALL}
    r = lambda *a: ["run", "--quiet", "c.toml", *a]
    items = [
        ("out-empty", r("--out", ""), r"--out"),
        ("out-file", r("--out", "c.toml"), r"--out|c\.toml"),
        ("out-dev-null", r("--out", "/dev/null"), r"/dev/null"),
        ("out-proc", r("--out", "/proc/self/x"), r"/proc"),
        ("out-foreign-dir", r("--out", "."), r"--out|\."),
        ("threads-negative", r("--out", "{out}", "--threads", "-1"), r"--threads"),
        ("threads-huge", r("--out", "{out}", "--threads", "1000000000"), r"--threads"),
        ("threads-text", r("--out", "{out}", "--threads", "many"), r"--threads"),
        ("threads-float", r("--out", "{out}", "--threads", "1.5"), r"--threads"),
        ("seed-negative", r("--out", "{out}", "--seed", "-1"), r"--seed"),
        ("seed-huge", r("--out", "{out}", "--seed", "99999999999999999999999"), r"--seed"),
        ("seed-nan", r("--out", "{out}", "--seed", "nan"), r"--seed"),
        ("unknown-option", r("--out", "{out}", "--bogus"), r"--bogus"),
        ("two-configs", r("c.toml", "--out", "{out}"), r"c\.toml|argument"),
        ("huge-argument", r("--out", "{out}", "--" + "x" * 100_000), r"--x"),
        ("config-missing", ["run", "--quiet", "nope.toml", "--out", "{out}"], r"nope\.toml"),
        ("config-dir", ["run", "--quiet", ".", "--out", "{out}"], r"is a directory"),
        ("config-fifo", ["run", "--quiet", "f", "--out", "{out}"], r"f: is not a regular file"),
        ("config-dev-zero", ["run", "--quiet", "/dev/zero", "--out", "{out}"],
         r"/dev/zero: is not a regular file"),
        ("config-dev-stdin", ["run", "--quiet", "/dev/stdin", "--out", "{out}"], r"/dev/stdin"),
        ("validate-fifo", ["validate", "f"], r"f: is not a regular file"),
        ("validate-none", ["validate"], r"CONFIG"),
        ("sweep-jobs-zero", ["sweep", "s.toml", "--jobs", "0", "--out", "{out}"], r"--jobs"),
        ("sweep-jobs-huge", ["sweep", "s.toml", "--jobs", "100000", "--out", "{out}"], r"--jobs"),
        ("sweep-shard-bad", ["sweep", "s.toml", "--shard", "3/2", "--out", "{out}"], r"--shard"),
        ("sweep-shard-zero", ["sweep", "s.toml", "--shard", "0/0", "--out", "{out}"], r"--shard"),
        ("sweep-shard-text", ["sweep", "s.toml", "--shard", "a/b", "--out", "{out}"], r"--shard"),
        ("sweep-shard-huge", ["sweep", "s.toml", "--shard", "1/99999999999999999999", "--out",
                              "{out}"], r"--shard"),
        ("sweep-retry-alone", ["sweep", "s.toml", "--retry-failed", "--out", "{out}"], r"--resume"),
        ("analyze-missing", ["analyze", "nowhere"], r"nowhere"),
        ("analyze-file", ["analyze", "c.toml"], r"c\.toml"),
        ("merge-none", ["merge", "--out", "{out}"], r"merge|DIR"),
        ("merge-same", ["merge", "nowhere", "nowhere", "--out", "{out}"], r"nowhere"),
        ("unknown-command", ["frobnicate"], r"frobnicate"),
        ("classroom-config-fifo", ["classroom", "f", "--port", "0", "--out", "cr"],
         r"f: is not a regular file"),
        ("classroom-config-dir", ["classroom", ".", "--port", "0", "--out", "cr"], r"is a directory"),
        ("classroom-port", ["classroom", "--port", "70000"], r"--port"),
        ("classroom-port-text", ["classroom", "--port", "x"], r"--port"),
        ("classroom-bind", ["classroom", "--port", "0", "--bind", "999.1.1.1", "--out", "cr"],
         r"999\.1\.1\.1"),
        ("classroom-years", ["classroom", "--years", "-3"], r"--years"),
        ("classroom-timer-nan", ["classroom", "--timer", "nan"], r"--timer"),
        ("classroom-pace-inf", ["classroom", "--pace", "inf"], r"--pace"),
        ("classroom-rate", ["classroom", "--rate-limit", "0"], r"--rate-limit"),
        ("classroom-config-empty-table", ["classroom", "t.toml", "--port", "0", "--out", "cr"],
         r"t\.toml:5: a\.b: unknown table"),
        ("classroom-set", ["classroom", "--set", "market.kappa=nan", "--port", "0", "--out", "cr"],
         r"market\.kappa"),
        ("replay-missing", ["classroom", "--replay", "nope.log"], r"nope\.log"),
        ("replay-fifo", ["classroom", "--replay", "f"], r"f: is not a regular file"),
        ("replay-dir", ["classroom", "--replay", "."], r"is a directory"),
        ("replay-empty", ["classroom", "--replay", "empty.log"], r"empty\.log"),
        ("replay-garbage", ["classroom", "--replay", "garbage.log"], r"garbage\.log:1"),
        ("replay-deep-json", ["classroom", "--replay", "deep.log"], r"deep\.log:1"),
        ("replay-huge-line", ["classroom", "--replay", "huge.log"], r"huge\.log:1"),
    ]
    files = dict(ok, **{"f": ("fifo",), "t.toml": SMALL + "[a.b]\n", "s.toml": 'base = "c.toml"\n[factors]\n"market.kappa" = [0.0]\n',
                        "empty.log": "", "garbage.log": "\x00\xff{not json\n",
                        "deep.log": "[" * 100_000 + "\n", "huge.log": '{"x":"' + "y" * 5_000_000 + '"}\n'})
    return [Case(f"cli-{n}", files, a, [m]) for n, a, m in items]


# Ends whose runs are large by design, not hostile: 10^7 initial firms take minutes and GBs
# (their memory bound is tested in tests/experiments/run/resources_test.cpp).
HEAVY = {("world.initial_firms", "max")}


def extreme_cases(keys):
    """Every numeric key at each end of its range in a small world: exit 0 with finite outputs,
    or exit 2 naming the key's line (a consistency error may name the key it conflicts with) or,
    when the run stops at the bound on entrants, firms.max_entrants and the keys behind entry.
    world.* keys that size the world keep it small elsewhere."""
    out = []
    for k in keys:
        if k.kind != "number" or k.name == "world.seed":
            continue
        for end, v in (("min", k.lo), ("max", k.hi)):
            text = SMALL
            if k.name.startswith("world.") and k.name in SMALL:
                text = "\n".join(l for l in SMALL.splitlines() if not l.startswith(k.name + " ")) + "\n"
            if (k.name, end) in HEAVY:
                continue
            text += f"{k.name} = {number(k, v)}\n"
            # The key's line (validation), or, for the bound on entrants checked during the run,
            # the keys it names.
            must = [re.escape(f"c.toml:{text.count(chr(10))}:") + "|" + re.escape(k.name) +
                    r"|firms\.max_entrants: .* entrants drawn in one tick"]
            out.append(Case(f"extreme-{k.name}-{end}", {"c.toml": text},
                            ["run", "--quiet", "--threads", "1", "c.toml", "--out", "{out}"], must,
                            expect="run"))
    return out


def groups(keys, extremes):
    g = {"config-values": config_value_cases(keys), "set-values": set_value_cases(keys),
         "syntax": syntax_cases(), "schedule": schedule_cases(), "map": map_cases(),
         "sweep": sweep_cases(), "cli": cli_cases()}
    if extremes:
        g["extremes"] = extreme_cases(keys)
    return g
