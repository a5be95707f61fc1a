"""Small curated word lists shared by the checks.

Kept short on purpose: every entry is a decision about what editors should or should
not be shown, and a list an editor can read is a list an editor can correct.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are never names, even with a capital letter.
FUNCTION_WORDS = words(
    """a an the and or but nor so yet for of in on at to from by with without into onto
    over under about after before since until while as than that this these those there
    here then when where which who whom whose what why how if though although because
    i we you he she it they me us him her them my our your his its their mine ours
    theirs hers is are was were be been being am has have had do does did will would
    shall should can could may might must not no never also still even just only
    some any all both each every either neither other another such many much more most
    few several one two three four five six seven eight nine ten eleven twelve
    first second third last next new mr mrs ms dr oh yes
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    today yesterday tomorrow tonight"""
)

# Ordinary words that start news sentences with a capital letter. A sentence-initial
# capitalised word in this list is not taken for a name (unless another capitalised
# word follows it: "Said Khatibzad").
SENTENCE_STARTERS = words(
    """according accordingly additionally afterwards again earlier later meanwhile
    moreover nevertheless nonetheless however instead indeed thus therefore hence
    otherwise overall still separately similarly likewise finally ultimately eventually
    initially recently currently previously now once critics sources officials
    residents witnesses analysts experts observers police protesters troops soldiers
    forces militants rebels fighters security government authorities lawmakers
    diplomats investigators prosecutors officers doctors medics rescuers activists
    supporters opponents voters leaders ministers members people many several dozens
    hundreds thousands asked speaking said says told added explained noted warned
    despite amid following during under over asked acting citing responding
    reports report witnesses footage images video photos local regional state
    federal national international foreign military army air naval navy defence
    defense senior top former acting deputy spokesman spokeswoman spokesperson
    president minister secretary prime prosecutor judge court parliament congress
    talks negotiations attacks attack strikes strike rockets missiles drones shelling
    fighting clashes violence tensions fears concerns hopes efforts plans
    tuesday's there's it's that's what's here's let's"""
)

# Demonyms and the place they stand for, so "Iranian-backed" and "Iran-backed" name
# the same country.
DEMONYMS: dict[str, str] = {
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "american": "us",
    "russian": "russia",
    "ukrainian": "ukraine",
    "british": "uk",
    "french": "france",
    "german": "germany",
    "italian": "italy",
    "spanish": "spain",
    "chinese": "china",
    "japanese": "japan",
    "turkish": "turkey",
    "israeli": "israel",
    "palestinian": "palestine",
    "lebanese": "lebanon",
    "jordanian": "jordan",
    "egyptian": "egypt",
    "saudi": "saudiarabia",
    "yemeni": "yemen",
    "afghan": "afghanistan",
    "pakistani": "pakistan",
    "indian": "india",
    "kurdish": "kurds",
    "european": "europe",
    "emirati": "uae",
    "qatari": "qatar",
    "libyan": "libya",
    "sudanese": "sudan",
}

# Aliases and metonyms: every key in one group names the same entity. Keys are
# name keys (see names.name_key): lower case, no dots, hyphens or doubled letters.
_ALIAS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("us", "usa", "unitedstates", "unitedstatesofamerica", "america", "washington"),
    ("iran", "tehran", "islamicrepublic"),
    ("iraq", "baghdad"),
    ("syria", "damascus"),
    ("russia", "moscow", "kremlin"),
    ("uk", "britain", "greatbritain", "unitedkingdom", "london"),
    ("china", "beijing"),
    ("israel", "jerusalem"),
    ("turkey", "turkiye", "ankara"),
    ("ukraine", "kyiv", "kiev"),
    ("isis", "isil", "is", "islamicstate", "daesh", "islamicstategroup"),
    ("alqaeda", "qaeda", "alqaida", "qaida"),
    ("hezbolah", "hizbolah", "hizbulah"),
    ("un", "unitednations"),
    ("eu", "europeanunion"),
    ("nato", "northatlantictreatyorganization"),
    ("sdf", "syriandemocraticforces"),
    ("pmf", "popularmobilizationforces", "popularmobilisationforces", "hashdalshabi"),
    ("pentagon", "defensedepartment", "departmentofdefense"),
    ("fed", "federalreserve"),
    ("statedepartment", "departmentofstate"),
    ("whitehouse",),
    ("uae", "unitedarabemirates", "emirates"),
    ("saudiarabia", "riyadh"),
    ("palestine", "palestinianterritories"),
)
ALIASES: dict[str, int] = {key: n for n, group in enumerate(_ALIAS_GROUPS) for key in group}

# Transliterated names whose doubled consonant varies freely (an Arabic shadda is
# written doubled or not): Mohammed / Mohamed, Hassan / Hasan, Assad / Asad. Name keys,
# so written without their doubled letters. Any other name that gains or loses a
# doubled consonant is flagged as a variant (Weber / Webber).
FREELY_DOUBLED = words(
    """mohamed mohamad muhamad muhamed hasan husein husain abas abdulah alah asad sadam
    gadafi qadafi nasralah jabar"""
)

# Known countries and capitals: two of these that differ are two places, never one
# name spelled two ways ("Iran" and "Iraq").
KNOWN_PLACES = (
    frozenset(DEMONYMS.values())
    | frozenset(key for group in _ALIAS_GROUPS[:11] for key in group)
    | words("rome paris berlin cairo amman beirut kabul doha ankara gaza")
)

# News agencies and outlets: sourcing, checked by the attribution check, not names.
OUTLETS = words(
    """reuters afp ap associated press bloomberg cnn bbc xinhua tass irna sana ani
    aljazeera jazeera dpa efe ansa kyodo yonhap upi"""
)

# Words after which a different name means another person or place ("President X",
# "in X"), not a spelling variant.
TITLES = words(
    """president minister secretary colonel general spokesman spokeswoman spokesperson
    mr mrs ms dr prime king queen prince princess senator governor mayor leader chief
    commander ambassador envoy sheikh ayatollah judge pope lieutenant captain sergeant
    admiral chairman director premier chancellor representative rep sen gen col lt"""
)
LOCATIVES = words("in near at from to towards toward into outside inside across around")

# Honorifics and ranks: part of how a person is named, not a name of their own.
HONORIFICS = TITLES

# Capitalised words of titles and institutions ("Foreign Ministry spokesman", "Defence
# Minister"): part of a name, but never a name that can be respelled or replaced on its
# own. "Ministry" against "Minister" or "Defence" against "Defense" is no drift.
INSTITUTION_WORDS = TITLES | words(
    """ministry ministries department office agency council committee commission party
    army forces force navy guard guards corps command militia brigade brigades group
    front movement organization organisation authority authorities union republic
    democratic federal central national international state states united foreign
    affairs defence defense interior health finance justice security economy economic
    bank court supreme university institute corporation company news press service
    services house senate parliament assembly congress government administration
    mobilization mobilisation popular islamic revolutionary general secretary"""
)
