"""Tasks: the small made-up world the course's transformer is pretrained on.

In scope: word lists (English words with their Spanish and Portuguese
translations and their kind), people and the cities they live in, and
`corpus(seed)`, which writes the pretraining text from them. Every line of
the corpus is one document, in one of a few set formats, mixed in the shares
of `MIX` the way text on the web mixes them:

- word lists, the commonest, with no instruction:
  "cat = gato ; dog = perro ; red = rojo ." (Spanish, Portuguese or the
  word's kind, one per list): every word, so the model learns all the
  answers here (a held-out word fills a place with chance `RARE`);
- labelled fields, like a dictionary's entries: "english : cat spanish : gato .";
- worksheets: an instruction, then its items answered,
  "translate into spanish : cat = gato ; dog = perro .", or left for the
  reader to fill in, "translate into spanish : cat = ? ; dog = ? ."
  (one worksheet in three, as exercise sheets often come without answers);
- facts, then a question about one of them:
  "ana lives in lima . rui lives in oslo . question : where does rui live ? answer : rui lives in oslo ."
  (who lives where is drawn anew for every document, so it can only be read
  from the context, never remembered);
- patterns: "red sun red sun red sun ."

Worksheets and labelled fields use only the `TRAINING_WORDS`; the
`HELD_OUT_WORDS` appear in word lists alone, so asking for them with an
instruction or a format is a prompt the model never saw. What each way of
asking then gets follows from this mix (see `knobs.prompting`): a bare
"cat =" does not say which of the three tasks is meant; an instruction names
it, but after an instruction the corpus sometimes has "?" and no answer, so
the model sometimes writes "?"; the labelled field names the task right
before the answer and is always answered; examples show the task the way
the commonest documents do, though one example can leave it open
("cat = gato" is Spanish and Portuguese alike).

Left out on purpose: anything beyond one word per answer, and real sentences.
"""

import random

from knobs import arguments

# english, spanish, portuguese, kind
WORDS = [
    ("cat", "gato", "gato", "animal"),
    ("dog", "perro", "cão", "animal"),
    ("horse", "caballo", "cavalo", "animal"),
    ("cow", "vaca", "vaca", "animal"),
    ("bird", "pájaro", "pássaro", "animal"),
    ("fish", "pez", "peixe", "animal"),
    ("water", "agua", "água", "food"),
    ("bread", "pan", "pão", "food"),
    ("milk", "leche", "leite", "food"),
    ("apple", "manzana", "maçã", "food"),
    ("egg", "huevo", "ovo", "food"),
    ("cheese", "queso", "queijo", "food"),
    ("red", "rojo", "vermelho", "colour"),
    ("blue", "azul", "azul", "colour"),
    ("green", "verde", "verde", "colour"),
    ("white", "blanco", "branco", "colour"),
    ("black", "negro", "preto", "colour"),
    ("yellow", "amarillo", "amarelo", "colour"),
    ("sun", "sol", "sol", "nature"),
    ("moon", "luna", "lua", "nature"),
    ("sea", "mar", "mar", "nature"),
    ("fire", "fuego", "fogo", "nature"),
    ("tree", "árbol", "árvore", "nature"),
    ("flower", "flor", "flor", "nature"),
    ("rain", "lluvia", "chuva", "nature"),
    ("snow", "nieve", "neve", "nature"),
    ("river", "río", "rio", "nature"),
    ("mountain", "montaña", "montanha", "nature"),
    ("house", "casa", "casa", "home"),
    ("book", "libro", "livro", "home"),
    ("door", "puerta", "porta", "home"),
    ("window", "ventana", "janela", "home"),
    ("table", "mesa", "mesa", "home"),
    ("chair", "silla", "cadeira", "home"),
    ("bed", "cama", "cama", "home"),
    ("car", "coche", "carro", "home"),
    ("hand", "mano", "mão", "body"),
    ("eye", "ojo", "olho", "body"),
    ("head", "cabeza", "cabeça", "body"),
    ("mother", "madre", "mãe", "family"),
    ("father", "padre", "pai", "family"),
    ("brother", "hermano", "irmão", "family"),
    ("sister", "hermana", "irmã", "family"),
    ("friend", "amigo", "amigo", "family"),
    ("one", "uno", "um", "number"),
    ("two", "dos", "dois", "number"),
    ("three", "tres", "três", "number"),
    ("big", "grande", "grande", "size"),
    ("small", "pequeño", "pequeno", "size"),
    ("hot", "caliente", "quente", "weather"),
    ("cold", "frío", "frio", "weather"),
    ("day", "día", "dia", "time"),
    ("night", "noche", "noite", "time"),
    ("school", "escuela", "escola", "place"),
    ("city", "ciudad", "cidade", "place"),
    ("road", "camino", "estrada", "place"),
    ("love", "amor", "amor", "feeling"),
    ("money", "dinero", "dinheiro", "thing"),
    ("work", "trabajo", "trabalho", "thing"),
    ("time", "tiempo", "tempo", "time"),
]
LANGUAGES = {"spanish": 1, "portuguese": 2, "kind": 3}  # task → column of WORDS
HELD_OUT_WORDS = [row[0] for row in WORDS[2::3]]  # every third word: 20 words seen only in word lists
TRAINING_WORDS = [row[0] for row in WORDS if row[0] not in HELD_OUT_WORDS]
NAMES = [
    "ana",
    "bruno",
    "carla",
    "diego",
    "elena",
    "felipe",
    "gabi",
    "hugo",
    "ines",
    "jorge",
    "julia",
    "lucas",
    "marta",
    "nico",
    "olga",
    "pablo",
    "rosa",
    "sergio",
    "tomas",
    "vera",
    "rui",
    "lara",
    "ivan",
    "sara",
    "luis",
    "alba",
    "dani",
    "eva",
    "joao",
    "paula",
]
CITIES = [
    "lima",
    "oslo",
    "rome",
    "paris",
    "lisbon",
    "madrid",
    "porto",
    "quito",
    "berlin",
    "london",
    "bogota",
    "dublin",
    "cairo",
    "tokyo",
    "sydney",
    "boston",
]

INSTRUCTIONS = {
    "spanish": "translate into spanish :",
    "portuguese": "translate into portuguese :",
    "kind": "name the kind :",
}
FIELDS = {
    "spanish": "english : {word} spanish :",
    "portuguese": "english : {word} portuguese :",
    "kind": "word : {word} kind :",
}
QUESTION = "question : where does {name} live ? answer : {name} lives in"  # the answer repeats the fact's words

# How often each kind of document appears in the corpus (they sum to 1).
MIX = {"list": 0.3, "instruction": 0.06, "quiz": 0.03, "fields": 0.06, "facts": 0.45, "pattern": 0.1}
RARE = 1 / 3  # the chance that a word of a word list is a held-out word: 1/3, as common as the others


def translation(word, task):
    """The answer to `task` ("spanish", "portuguese" or "kind") for an English word."""
    arguments.choice(task, "task", list(LANGUAGES))
    for row in WORDS:
        if row[0] == word:
            return row[LANGUAGES[task]]
    raise ValueError(f"word: {word!r} is not one of the course's English words")


def pair(word, task):
    """'cat = gato': one item of a word list."""
    return f"{word} = {translation(word, task)}"


def fact(name, city):
    """'ana lives in lima .': one fact of the knowledge base."""
    arguments.word(name, "name")
    arguments.word(city, "city")
    return f"{name} lives in {city} ."


def _document(kind, rng):
    """One line of the corpus, of the given kind, drawn with `rng`."""
    task = rng.choice(list(LANGUAGES))
    if kind == "list":
        words = _list_words(rng, rng.randint(1, 6))
        return " ; ".join(pair(word, task) for word in words) + " ."
    if kind == "instruction":  # a worksheet with its answers
        words = rng.sample(TRAINING_WORDS, rng.randint(1, 4))
        return f"{INSTRUCTIONS[task]} " + " ; ".join(pair(word, task) for word in words) + " ."
    if kind == "quiz":  # a worksheet left for the reader to fill in
        words = rng.sample(TRAINING_WORDS, rng.randint(1, 4))
        return f"{INSTRUCTIONS[task]} " + " ; ".join(f"{word} = ?" for word in words) + " ."
    if kind == "fields":
        word = rng.choice(TRAINING_WORDS)
        return f"{FIELDS[task].format(word=word)} {translation(word, task)} ."
    if kind == "facts":
        names = rng.sample(NAMES, rng.randint(1, 4))
        cities = [rng.choice(CITIES) for _ in names]
        asked = rng.randrange(len(names))
        facts = " ".join(fact(name, city) for name, city in zip(names, cities))
        return f"{facts} {QUESTION.format(name=names[asked])} {cities[asked]} ."
    words = rng.sample([row[0] for row in WORDS] + CITIES, rng.randint(2, 3))  # a pattern
    return " ".join(words * rng.randint(2, 4)) + " ."


def _list_words(rng, count):
    """`count` different words for a word list, each a held-out word with chance `RARE`."""
    words = []
    while len(words) < count:
        word = rng.choice(HELD_OUT_WORDS if rng.random() < RARE else TRAINING_WORDS)
        if word not in words:
            words.append(word)
    return words


def corpus(documents=20000, seed=0):
    """The pretraining text: `documents` lines, each drawn from `MIX` with a fixed seed."""
    documents = arguments.integer(documents, "documents", minimum=1)
    rng = random.Random(arguments.integer(seed, "seed"))
    kinds, weights = list(MIX), list(MIX.values())
    return "".join("\n" + _document(rng.choices(kinds, weights)[0], rng) for _ in range(documents)) + "\n"


def vocabulary():
    """Every word the tasks can write: the newline first, then the rest sorted."""
    words = {"=", ";", ".", ":", "?", "lives", "in"} | set(QUESTION.replace("{name}", "").split())
    for text in list(INSTRUCTIONS.values()) + list(FIELDS.values()):
        words |= set(text.replace("{word}", "").split())
    for row in WORDS:
        words |= set(row)
    return ["\n"] + sorted(words | set(NAMES) | set(CITIES))


def where_people_live(seed=0):
    """A fixed little knowledge base: each name → a city, drawn with `seed`."""
    rng = random.Random(arguments.integer(seed, "seed"))
    return {name: rng.choice(CITIES) for name in NAMES}
