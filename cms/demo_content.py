"""The demo's public pages, in French and English (cms.demo builds them)."""


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def steps(items):
    return {
        "type": "steps",
        "value": [{"title": title, "text": text} for title, text in items],
    }


HOW_COMPANIES = {
    "fr": {
        "title": "Comment ça marche pour les entreprises",
        "slug": "pour-les-entreprises",
        "intro": "Publiez un besoin, recevez des propositions d'experts qui vous "
        "conviennent, travaillez ensemble sans commission.",
        "body": [
            steps(
                [
                    (
                        "Adhérez",
                        "Votre organisation paie une cotisation annuelle votée "
                        "par les membres, et rien d'autre.",
                    ),
                    (
                        "Publiez un besoin",
                        "En quelques lignes : le but, l'échéance, le budget en euros.",
                    ),
                    (
                        "Choisissez",
                        "Les experts dont les compétences correspondent "
                        "proposent ; le matching explique pourquoi.",
                    ),
                    (
                        "Travaillez",
                        "Échanges, jalons, livrables et avis ; vous payez "
                        "l'expert directement.",
                    ),
                ]
            )
        ],
    },
    "en": {
        "title": "How it works for companies",
        "intro": "Post a need, receive proposals from experts who fit, work together "
        "without commission.",
        "body": [
            steps(
                [
                    (
                        "Join",
                        "Your organisation pays a yearly fee voted by the "
                        "members, and nothing else.",
                    ),
                    (
                        "Post a need",
                        "In a few lines: the goal, the deadline, the budget in euros.",
                    ),
                    (
                        "Choose",
                        "Experts whose skills fit propose; matching explains why.",
                    ),
                    (
                        "Work",
                        "Messages, milestones, deliveries and reviews; you pay "
                        "the expert directly.",
                    ),
                ]
            )
        ],
    },
}

HOW_EXPERTS = {
    "fr": {
        "title": "Comment ça marche pour les experts",
        "slug": "pour-les-experts",
        "intro": "Racontez votre parcours, sous pseudonyme si vous le souhaitez ; les "
        "besoins qui vous correspondent viennent à vous.",
        "body": [
            steps(
                [
                    (
                        "Adhérez",
                        "Une cotisation annuelle, aucune commission sur vos missions.",
                    ),
                    (
                        "Racontez",
                        "Compétences, expériences, envies ; un pseudonyme "
                        "protège votre identité.",
                    ),
                    ("Proposez", "Répondez aux besoins qui vous correspondent."),
                    (
                        "Votez",
                        "Vous votez les règles de la plateforme avec les entreprises.",
                    ),
                ]
            )
        ],
    },
    "en": {
        "title": "How it works for experts",
        "intro": "Tell your story, under an alias if you like; needs that fit come to "
        "you.",
        "body": [
            steps(
                [
                    ("Join", "A yearly fee, no commission on your missions."),
                    (
                        "Tell",
                        "Skills, experiences, wishes; an alias protects your identity.",
                    ),
                    ("Propose", "Answer the needs that fit you."),
                    ("Vote", "You vote on the platform's rules with the companies."),
                ]
            )
        ],
    },
}

FAQ = {
    "fr": {
        "title": "Questions fréquentes",
        "slug": "questions",
        "intro": "Ce que l'on nous demande le plus souvent.",
        "questions": [
            (
                "Ouvrage prend-il une commission ?",
                "Non. La plateforme vit des seules "
                "cotisations annuelles de ses membres.",
            ),
            (
                "Qui fixe les règles ?",
                "Les membres, par des votes publics : "
                "cotisations, pondérations du matching, délais.",
            ),
            (
                "Puis-je rester anonyme ?",
                "Oui. Un expert peut se présenter sous "
                "pseudonyme ; son identité n'est révélée qu'avec son accord.",
            ),
        ],
    },
    "en": {
        "title": "Frequently asked questions",
        "intro": "What we are asked most often.",
        "questions": [
            (
                "Does Ouvrage take a commission?",
                "No. The platform lives only on its members' yearly fees.",
            ),
            (
                "Who sets the rules?",
                "The members, through public votes: fees, matching weights, deadlines.",
            ),
            (
                "Can I stay anonymous?",
                "Yes. An expert may appear under an alias; "
                "their identity is revealed only with their consent.",
            ),
        ],
    },
}

NEWS_INDEX = {
    "fr": {
        "title": "Actualités",
        "slug": "actualites",
        "intro": "La vie de la coopérative.",
    },
    "en": {"title": "News", "intro": "The life of the cooperative."},
}

NEWS = [
    {
        "fr": {
            "title": "Ouvrage ouvre ses portes",
            "slug": "ouverture",
            "intro": "La coopérative accueille ses premières entreprises et ses "
            "premiers experts.",
            "body": "Après un an de préparation, la plateforme est ouverte à tous.",
        },
        "en": {
            "title": "Ouvrage opens its doors",
            "intro": "The cooperative welcomes its first companies and experts.",
            "body": "After a year of preparation, the platform is open to all.",
        },
        "days_ago": 60,
    },
    {
        "fr": {
            "title": "Première assemblée en ligne",
            "slug": "premiere-assemblee",
            "intro": "Les membres ont voté leurs premières règles.",
            "body": "Cotisations et pondérations du matching ont été soumises au vote.",
        },
        "en": {
            "title": "First online assembly",
            "intro": "The members voted on their first rules.",
            "body": "Fees and matching weights were put to the vote.",
        },
        "days_ago": 30,
    },
    {
        "fr": {
            "title": "Les comptes du trimestre sont publiés",
            "slug": "comptes-trimestre",
            "intro": "Chaque euro reçu et dépensé est en ligne.",
            "body": "Les chiffres du trimestre sont consultables par tous.",
        },
        "en": {
            "title": "The quarter's accounts are published",
            "intro": "Every euro received and spent is online.",
            "body": "The quarter's figures are open to everyone.",
        },
        "days_ago": 5,
    },
]

CHARTER = {
    "fr": {
        "title": "La charte",
        "slug": "charte",
        "intro": "Les règles de la coopérative, telles que les membres les ont votées.",
    },
    "en": {
        "title": "The charter",
        "intro": "The cooperative's rules, as the members voted them.",
    },
}

DECISIONS = {
    "fr": {
        "title": "Les décisions",
        "slug": "decisions",
        "intro": "Chaque vote clos, son résultat et sa participation ; les "
        "précédents des litiges, sans noms.",
    },
    "en": {
        "title": "Decisions",
        "intro": "Every closed vote, its outcome and turnout; dispute precedents, "
        "without names.",
    },
}

CONTACT = {
    "fr": {
        "title": "Contact",
        "slug": "contact",
        "intro": "Une question ? Écrivez-nous.",
        "thank_you_text": "Merci, nous vous répondons sous deux jours ouvrés.",
        "fields": [("Votre adresse e-mail", "email"), ("Votre message", "multiline")],
    },
    "en": {
        "title": "Contact",
        "intro": "A question? Write to us.",
        "thank_you_text": "Thank you, we answer within two working days.",
        "fields": [("Your e-mail address", "email"), ("Your message", "multiline")],
    },
}

HOME_BLOCKS = {
    "fr": {
        "figures": "La coopérative en chiffres",
        "news": "Dernières actualités",
        "decisions": "Dernières décisions",
        "join": "Rejoignez la coopérative",
        "join_text": "Entreprises et experts, une seule cotisation, aucune commission.",
        "companies": (
            "Pour les entreprises",
            "Publiez un besoin, choisissez l'expert, payez-le directement.",
        ),
        "experts": (
            "Pour les experts",
            "Les besoins qui vous correspondent "
            "viennent à vous ; ce que vous gagnez vous reste.",
        ),
    },
    "en": {
        "figures": "The cooperative in figures",
        "news": "Latest news",
        "decisions": "Latest decisions",
        "join": "Join the cooperative",
        "join_text": "Companies and experts, one fee, no commission.",
        "companies": (
            "For companies",
            "Post a need, choose the expert, pay them directly.",
        ),
        "experts": (
            "For experts",
            "Needs that fit come to you; what you earn stays yours.",
        ),
    },
}

STORY = {
    "fr": {
        "title": "L'histoire de Léa",
        "slug": "histoire-de-lea",
        "intro": "Léa est ingénieure, de ce siècle. Racontez avec nous comment la "
        "plateforme devrait la servir.",
        "body": (
            "Léa a trente-quatre ans. Elle a conçu des réseaux d'eau, puis des outils "
            "de données pour des collectivités. Elle veut choisir ses missions, être "
            "payée sans intermédiaire, et apprendre encore.",
            "Chaque membre peut écrire un chapitre de son histoire : une mission, une "
            "rencontre, une règle votée qui change sa vie de travail. Les modérateurs "
            "relisent, puis le chapitre rejoint le récit.",
        ),
    },
    "en": {
        "title": "Léa's story",
        "intro": "Léa is an engineer of this century. Tell with us how the platform "
        "should serve her.",
        "body": (
            "Léa is thirty-four. She designed water networks, then data tools for "
            "local authorities. She wants to choose her missions, be paid with no "
            "middleman, and keep learning.",
            "Every member may write a chapter of her story: a mission, a meeting, a "
            "voted rule that changes her working life. Moderators read it, then the "
            "chapter joins the story.",
        ),
    },
}

# (author handle, signature, pen name, title, text, published)
CHAPTERS = [
    (
        "camille",
        "name",
        "",
        "Le premier besoin",
        "Léa lit un besoin publié par une régie des eaux. Le matching explique pourquoi "
        "elle convient : ses réseaux, ses données. Elle propose, sans commission.",
        True,
    ),
    (
        "elodie",
        "name",
        "",
        "Sous pseudonyme",
        "Léa travaille encore pour une banque. Elle répond sous pseudonyme ; son nom "
        "n'apparaît qu'à l'entreprise qu'elle choisit.",
        True,
    ),
    (
        "claire",
        "pen",
        "Une cliente",
        "Le vote des règles",
        "Léa vote pour raccourcir les délais de paiement. La règle passe.",
        False,
    ),
]
