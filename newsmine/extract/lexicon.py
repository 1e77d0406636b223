"""Word lists the extraction rules use, kept as data so that a rule change is a one-line diff."""

from __future__ import annotations

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}
# Plural and vague quantities: never a figure on their own ("dozens", "tens of thousands").
VAGUE_WORDS = frozenset(
    {"dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores", "several",
     "many", "few", "numerous", "countless"}
)
ORDINAL_WORDS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "twentieth", "hundredth", "thousandth", "millionth", "last"}
)

# Qualifier phrases, longest first, matched on lower-cased words just before the number.
QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at_least"), ("no less than", "at_least"), ("at least", "at_least"),
    ("a minimum of", "at_least"), ("more than", "more_than"), ("over", "more_than"),
    ("upwards of", "more_than"), ("in excess of", "more_than"), ("up to", "up_to"),
    ("as many as", "up_to"), ("as much as", "up_to"), ("fewer than", "less_than"),
    ("less than", "less_than"), ("under", "less_than"), ("nearly", "nearly"),
    ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"), ("about", "about"),
    ("around", "about"), ("some", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("roughly", "about"), ("approximately", "about"), ("approx.", "about"), ("circa", "about"),
)

# Units after a number that make it a measurement, money, duration or rate, not a count.
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century",
     "weekend", "fortnight", "time", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs"}
)
MEASURE_UNITS = frozenset(
    {"km", "kilometre", "kilometer", "mile", "metre", "meter", "m", "cm", "mm", "millimetre",
     "millimeter", "foot", "feet", "inch", "yard", "kg", "kilogram", "gram", "pound", "lb", "ton",
     "tonne", "litre", "liter", "gallon", "hectare", "acre", "degree", "celsius", "fahrenheit",
     "kph", "mph", "km/h", "magnitude", "percent", "per", "%", "sq", "square", "knot", "storey",
     "story", "floor", "mw", "kw", "megawatt", "calorie", "barrel", "point", "bpd"}
)
CURRENCY_WORDS = frozenset(
    {"dollar", "usd", "euro", "eur", "pound", "sterling", "peso", "yen", "yuan", "rupee", "shekel",
     "ruble", "rouble", "naira", "rand", "franc", "dinar", "riyal", "dirham", "lira", "won", "baht",
     "real", "cent", "gbp"}
)
CURRENCY_SYMBOLS = frozenset({"$", "£", "€", "¥", "₹", "₪", "US$", "A$", "C$"})
# Words before a number that make it a measurement, label or population, not an event count.
NOT_COUNT_BEFORE = frozenset(
    {"magnitude", "aged", "age", "ages", "number", "no.", "route", "highway", "flight", "page",
     "article", "resolution", "room", "gate", "platform", "channel", "chapter", "section", "category",
     "level", "grade", "phase", "size", "score", "tel", "phone", "population", "population of",
     "home to", "rate", "temperature", "scale", "km", "kilometres", "miles", "code", "version"}
)

# Category triggers: lemmas of verbs, adjectives and nouns that say what happened to the counted.
VERB_CATEGORIES: dict[str, str] = {
    "kill": "killed", "die": "killed", "murder": "killed", "execute": "killed", "slay": "killed",
    "massacre": "killed", "perish": "killed", "drown": "killed", "behead": "killed",
    "claim": "killed", "assassinate": "killed", "bury": "killed", "lose": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "hospitalise": "injured", "hospitalize": "injured", "treat": "injured", "burn": "injured",
    "miss": "missing", "vanish": "missing", "disappear": "missing", "trap": "missing",
    "kidnap": "kidnapped", "abduct": "kidnapped", "seize": "kidnapped", "capture": "kidnapped",
    "hold": "kidnapped", "snatch": "kidnapped",
    "free": "released", "release": "released", "exchange": "released", "swap": "released",
    "escape": "released", "slip": "released", "return": "released", "liberate": "released",
    "hand": "released", "repatriate": "released",
    "arrest": "arrested", "detain": "arrested", "jail": "arrested", "imprison": "arrested",
    "apprehend": "arrested", "round": "arrested", "sentence": "arrested", "convict": "arrested",
    "charge": "arrested", "intern": "arrested",
    "displace": "displaced", "flee": "displaced", "evacuate": "displaced", "uproot": "displaced",
    "relocate": "displaced", "shelter": "displaced", "leave": "displaced", "force": "displaced",
    "house": "displaced", "accommodate": "displaced",
    "affect": "affected", "infect": "affected", "sicken": "affected", "strand": "affected",
    "isolate": "affected", "quarantine": "affected", "test": "affected", "cut": "affected",
    "rescue": "other", "save": "other", "deploy": "other", "fire": "other", "launch": "other",
    "strike": "struck", "hit": "struck", "destroy": "struck", "damage": "struck", "raze": "struck",
    "flatten": "struck", "demolish": "struck", "target": "struck", "bomb": "struck",
    "shell": "struck", "level": "struck", "collapse": "struck", "torch": "struck",
    "attack": "struck", "raid": "struck", "flood": "struck", "sink": "struck", "topple": "struck",
    "wash": "struck", "sweep": "struck", "bulldoze": "struck", "gut": "struck",
}
# Verbs that say something of people only: "14 carriages left the track" is not displacement.
PEOPLE_ONLY_VERBS = frozenset({"leave", "flee", "force", "house", "accommodate", "shelter", "evacuate", "cut"})
# Phrasal verbs: (verb lemma, particle) -> category ("got back", "let go", "rounded up").
PHRASAL_CATEGORIES: dict[tuple[str, str], str] = {
    ("get", "back"): "released", ("bring", "back"): "released", ("hand", "back"): "released",
    ("hand", "over"): "released", ("let", "go"): "released", ("set", "free"): "released",
    ("round", "up"): "arrested", ("pick", "up"): "arrested", ("take", "away"): "kidnapped",
    ("pull", "out"): "other", ("dig", "out"): "other", ("carry", "out"): "other",
}
# Participles and adjectives that carry a category ("affected families", "displaced people").
ADJECTIVE_CATEGORIES: dict[str, str] = {
    "affected": "affected", "displaced": "displaced", "detained": "arrested", "arrested": "arrested",
    "abducted": "kidnapped", "kidnapped": "kidnapped", "killed": "killed", "freed": "released",
    "released": "released", "evacuated": "displaced", "injured": "injured", "wounded": "injured",
    "dead": "killed", "missing": "missing", "homeless": "displaced", "trapped": "missing",
    "infected": "affected", "stranded": "affected", "destroyed": "struck", "damaged": "struck",
}
# Verbs whose category depends on the counted noun being a thing (struck) rather than people.
THING_ONLY_VERBS = frozenset(
    {"strike", "hit", "destroy", "damage", "raze", "flatten", "demolish", "target", "bomb", "shell",
     "level", "collapse", "torch", "attack", "raid", "flood", "sink", "topple", "burn"}
)
# Adjectives and particles completing a verb ("taken hostage", "left homeless", "found dead").
COMPLEMENT_CATEGORIES: dict[str, str] = {
    "hostage": "kidnapped", "captive": "kidnapped", "prisoner": "kidnapped", "homeless": "displaced",
    "dead": "killed", "alive": "released", "injured": "injured", "wounded": "injured",
    "missing": "missing", "captivity": "kidnapped", "custody": "arrested", "shelter": "displaced",
    "damage": "struck", "destruction": "struck", "observation": "affected", "quarantine": "affected",
}
# Nouns that carry a category by themselves ("184 deaths", "bodies", "refugees").
NOUN_CATEGORIES: dict[str, str] = {
    "death": "killed", "body": "killed", "fatality": "killed", "dead": "killed", "corpse": "killed",
    "victim": "killed", "toll": "killed", "death toll": "killed", "casualty": "killed",
    "injury": "injured", "wounded": "injured", "injured": "injured",
    "hostage": "kidnapped", "captive": "kidnapped", "abductee": "kidnapped",
    "detainee": "arrested", "arrest": "arrested", "suspect": "arrested",
    "refugee": "displaced", "evacuee": "displaced", "displaced": "displaced",
    "case": "affected", "infection": "affected", "patient": "affected", "household": "affected",
    "remains": "killed", "remain": "killed",
}
# Nouns that only group the counted ("28 sets of remains", "a group of 12 hikers").
GROUP_NOUNS = frozenset({"set", "group", "number", "total", "batch", "party"})
# People nouns: a THING_ONLY verb on these is not "struck".
PEOPLE_NOUNS = frozenset(
    {"people", "person", "civilian", "child", "woman", "man", "men", "women", "children", "soldier",
     "resident", "villager", "student", "worker", "member", "passenger", "fighter", "militant",
     "officer", "policeman", "police", "palestinians", "israelis", "citizen", "protester",
     "journalist", "pupil", "girl", "boy", "baby", "infant", "adult", "other", "victim", "migrant",
     "family", "farmer", "teacher", "doctor", "nurse", "patient", "staff", "miner", "crew",
     "pilgrim", "tourist", "employee", "inmate", "prisoner", "hostage", "trooper", "guard"}
)
# Nouns that count things tied to an event: their counts are figures ("other") with no trigger.
EVENT_NOUNS = frozenset(
    {"missile", "rocket", "drone", "bomb", "shell", "strike", "airstrike", "raid", "attack",
     "explosion", "blast", "aftershock", "tremor", "quake", "rescuer", "firefighter", "soldier",
     "troop", "police", "policeman", "officer", "volunteer", "protester", "demonstrator",
     "protest", "rally", "passenger", "people", "person", "vehicle", "truck", "ship", "boat",
     "aircraft", "plane", "helicopter", "tank", "shot", "round", "mortar", "weapon", "gunman",
     "attacker", "militant", "fighter", "hostage", "prisoner", "civilian", "child", "woman",
     "man", "resident", "crew", "sailor", "worker", "doctor", "medic", "team", "ambulance",
     "house", "home", "building", "school", "hospital", "village", "shelter", "camp", "target",
     "site", "tent", "flight", "patient", "student", "family", "journalist", "migrant", "body",
     "carriage", "car", "train", "wagon", "coach", "bus", "survivor", "breach", "violation",
     "round", "shell", "bullet", "miner", "pupil", "teacher", "vessel", "sortie"}
)
# Subjects that are places or wholes: "Gaza's 2.3 million people" is a population, not a figure.
POPULATION_CUES = frozenset({"home", "population", "inhabitant", "populate", "house", "live"})

SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "state", "announce", "declare", "report", "write", "explain", "warn",
     "claim", "insist", "note", "confirm", "describe", "argue", "tweet", "post", "ask", "urge",
     "accuse", "deny", "reply", "respond", "continue", "conclude", "stress", "vow", "call",
     "according"}
)
REPORTING_VERBS = frozenset(
    {"say", "report", "tell", "announce", "confirm", "state", "estimate", "count", "record",
     "put", "according", "cite", "quote", "add"}
)
PERSON_TITLES = frozenset(
    {"gen", "gen.", "general", "lt", "lt.", "col", "col.", "maj", "maj.", "capt", "capt.", "sgt",
     "president", "prime", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
     "prof", "prof.", "sir", "dame", "lord", "king", "queen", "prince", "princess", "pope", "rev",
     "rev.", "sheikh", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson",
     "commander", "chief", "director", "senator", "sen.", "rep.", "governor", "gov.", "mayor",
     "judge", "justice", "ambassador", "admiral", "adm.", "colonel", "major", "captain",
     "lieutenant", "sergeant", "brig", "brig.", "field", "marshal", "father", "imam", "rabbi"}
)
