"""What happened to the counted, as general English vocabulary: event word lemma -> category.

Whatever the part of speech ("died", "deaths", "dead"; "evacuated", "evacuation", "evacuees"), a
lemma here says what happened to the people or things it governs. The category model reads these as
features beside the rule lexicon (``lexicon``), so a word missing here costs a feature, not a figure.
Words are listed by meaning, as a thesaurus would, never for one article's sentence.
"""

from __future__ import annotations

_BY_CATEGORY: dict[str, str] = {
    "killed": """kill die dead death deadly fatal fatality fatally perish drown slay slain murder massacre
        execute execution behead assassinate casualty body corpse remains victim toll burial funeral
        succumb lifeless decease deceased electrocute suffocate asphyxiate crush incinerate starve mortality
        martyr lynch shoot gun claim life""",
    "injured": """wound wounded injure injured injury hurt maim burn burns bruise fracture hospitalise hospitalize
        hospitalised hospitalized hospital treat treatment casualty critical serious condition trauma
        amputate limb bleed stab graze concussion outpatient inpatient""",
    "missing": """miss missing vanish disappear unaccounted trap trapped lost whereabouts search bury buried
        rubble debris trace unreachable""",
    "kidnapped": """kidnap kidnapping abduct abduction hostage captive captivity seize capture hold held snatch
        take taken abductee kidnapper""",
    "released": """free freed release releasing liberate liberation escape rescue return repatriate exchange
        swap pardon amnesty parole discharge reunite handover hand""",
    "arrested": """arrest arrested detain detention detainee jail jailed imprison imprisonment custody
        apprehend round charge charged sentence convict prosecute indict suspect prisoner""",
    "displaced": """displace displaced displacement flee fled refugee evacuate evacuation evacuee homeless
        uproot relocate shelter camp asylum exodus cross crossing leave""",
    "affected": """affect affected infect infection infected case sicken sick ill illness disease outbreak
        quarantine isolate strand stranded outage power electricity blackout poison poisoning symptom
        patient test positive confirm suspected probable need assistance aid hunger famine starvation""",
    "struck": """strike hit destroy destruction destroyed damage damaged raze flatten demolish target bomb shell
        level collapse torch attack raid flood sink topple wash sweep bulldoze gut wreck ruin burn burnt
        gutted bury submerge inundate crumble blaze""",
    "other": """rescue save deploy fire launch shoot intercept carry aboard onboard passenger crew participate
        protest rally gather join dispatch mobilise mobilize send""",
}

# What is counted, by kind: a count of buildings or vehicles under "hit", "burned", "buried" or
# "affected" is ``struck``; of people it is not. Grouped by meaning, as a thesaurus would.
_NOUN_CLASSES: dict[str, str] = {
    "structure": """house home building structure school hospital clinic shop store business church mosque temple
        bridge road shelter tent hut dwelling apartment flat property residence facility office factory plant
        warehouse market hotel farm barn station tower dam well classroom homestead""",
    "vehicle": """car truck lorry vehicle bus minibus train carriage coach wagon boat ship vessel ferry aircraft
        plane jet helicopter tank motorbike motorcycle bike tanker van taxi""",
    "munition": """missile rocket drone bomb shell mortar round bullet rifle gun weapon grenade projectile
        explosive mine""",
    "incident": """accident crash collision incident outbreak fire blaze wildfire explosion blast attack strike
        airstrike raid aftershock tremor quake earthquake landslide shipwreck protest rally demonstration clash""",
    "supply": """kit sample dose vaccine meal ration parcel package blanket bottle sack bag""",
    "area": """country province district town village city region state county municipality subdivision
        neighbourhood neighborhood community area island wilaya governorate hectare acre""",
}
NOUN_CLASS: dict[str, str] = {w: k for k, words in _NOUN_CLASSES.items() for w in words.split()}

# Words that name an illness, an infection or a poisoning: in an article about one, people taken to
# hospital are disease cases (``affected``), not the injured of a violent event.
ILLNESS_WORDS = frozenset(
    """illness disease sickness infection outbreak epidemic pandemic virus viral bacteria bacterial fever
    poisoning poison intoxication toxin contamination symptom dengue cholera measles malaria typhoid flu
    influenza ebola covid coronavirus diarrhoea diarrhea gastroenteritis hepatitis meningitis""".split()
)
# Words of medical care, whatever the cause ("hospitalised", "admitted", "treated at a clinic").
CARE_WORDS = frozenset(
    """hospital hospitalise hospitalize hospitalised hospitalized admit treat treatment clinic ward
    diagnose""".split()
)
# Words of bodily harm: a count in hospital "with burns" or "wounded" is ``injured``, whatever the article.
HARM_WORDS = frozenset(
    """wound wounded injure injured injury hurt maim burn burns bruise fracture trauma amputate bleed stab
    graze concussion limb""".split()
)

EVENT_WORDS: dict[str, tuple[str, ...]] = {}
for _category, _words in _BY_CATEGORY.items():
    for _word in _words.split():
        EVENT_WORDS[_word] = (*EVENT_WORDS.get(_word, ()), _category)
