"""The starting skill taxonomy: real consulting and engineering skills, in French
and English. Loaded by migration 0003 and, for tests that flush the database,
by `ensure_taxonomy()`.
"""

from django.utils.text import slugify

from core.ids import uuid7

from ..models import Skill

# (category, French, English)
SKILLS = [
    ("Stratégie", "Stratégie d'entreprise", "Business strategy"),
    ("Stratégie", "Conduite du changement", "Change management"),
    ("Stratégie", "Gestion de projet", "Project management"),
    ("Stratégie", "Direction de programme", "Programme management"),
    ("Stratégie", "Management de transition", "Interim management"),
    ("Stratégie", "Transformation numérique", "Digital transformation"),
    ("Stratégie", "Développement commercial", "Business development"),
    ("Stratégie", "Marketing stratégique", "Strategic marketing"),
    ("Stratégie", "Études de marché", "Market research"),
    ("Stratégie", "Export et développement international", "International expansion"),
    ("Finance", "Contrôle de gestion", "Management control"),
    ("Finance", "Comptabilité", "Accounting"),
    ("Finance", "Audit financier", "Financial audit"),
    ("Finance", "Levée de fonds", "Fundraising"),
    ("Finance", "Fiscalité des entreprises", "Corporate tax"),
    ("Finance", "Gestion de trésorerie", "Cash management"),
    ("Juridique", "Droit des contrats", "Contract law"),
    ("Juridique", "Droit social", "Employment law"),
    ("Juridique", "Protection des données (RGPD)", "Data protection (GDPR)"),
    ("Juridique", "Propriété intellectuelle", "Intellectual property"),
    ("Juridique", "Marchés publics", "Public procurement"),
    ("RH", "Recrutement", "Recruitment"),
    ("RH", "Gestion des compétences", "Skills management"),
    ("RH", "Formation professionnelle", "Vocational training"),
    ("RH", "Coaching de dirigeants", "Executive coaching"),
    ("RH", "Qualité de vie au travail", "Workplace well-being"),
    ("Industrie", "Lean management", "Lean management"),
    ("Industrie", "Amélioration continue", "Continuous improvement"),
    ("Industrie", "Management de la qualité", "Quality management"),
    ("Industrie", "Normes ISO 9001", "ISO 9001 standards"),
    ("Industrie", "Sécurité alimentaire (HACCP)", "Food safety (HACCP)"),
    ("Industrie", "Supply chain", "Supply chain"),
    ("Industrie", "Achats", "Purchasing"),
    ("Industrie", "Maintenance industrielle", "Industrial maintenance"),
    ("Industrie", "Automatisme industriel", "Industrial automation"),
    ("Industrie", "Méthodes et industrialisation", "Manufacturing engineering"),
    ("Industrie", "Santé et sécurité au travail", "Occupational health and safety"),
    ("Ingénierie", "Conception mécanique", "Mechanical design"),
    ("Ingénierie", "Génie électrique", "Electrical engineering"),
    ("Ingénierie", "Thermique du bâtiment", "Building thermal engineering"),
    ("Ingénierie", "Construction bois", "Timber construction"),
    ("Ingénierie", "Photovoltaïque", "Solar photovoltaics"),
    ("Ingénierie", "Efficacité énergétique", "Energy efficiency"),
    ("Ingénierie", "Bilan carbone", "Carbon accounting"),
    ("Ingénierie", "Analyse de cycle de vie", "Life-cycle assessment"),
    ("Ingénierie", "Gestion de l'eau", "Water management"),
    ("Ingénierie", "Réglementation environnementale", "Environmental regulation"),
    ("Numérique", "Développement web", "Web development"),
    ("Numérique", "Python", "Python"),
    ("Numérique", "Django", "Django"),
    ("Numérique", "JavaScript", "JavaScript"),
    ("Numérique", "Architecture logicielle", "Software architecture"),
    ("Numérique", "DevOps", "DevOps"),
    ("Numérique", "Cybersécurité", "Cybersecurity"),
    ("Numérique", "Administration de bases de données", "Database administration"),
    ("Numérique", "Analyse de données", "Data analysis"),
    ("Numérique", "Apprentissage automatique", "Machine learning"),
    ("Numérique", "Informatique décisionnelle", "Business intelligence"),
    ("Numérique", "ERP", "ERP systems"),
    ("Numérique", "Accessibilité numérique", "Digital accessibility"),
    ("Numérique", "Design d'expérience utilisateur", "User experience design"),
    ("Communication", "Communication institutionnelle", "Corporate communication"),
    ("Communication", "Rédaction", "Copywriting"),
    ("Communication", "Traduction", "Translation"),
    ("Communication", "Relations presse", "Press relations"),
    ("Communication", "Animation de réseaux", "Network facilitation"),
    ("Économie sociale", "Gouvernance coopérative", "Cooperative governance"),
    (
        "Économie sociale",
        "Responsabilité sociétale (RSE)",
        "Corporate social responsibility",
    ),
    ("Économie sociale", "Financements européens", "EU funding"),
]


def ensure_taxonomy(skill_model=None) -> int:
    """Create the approved skills that are missing (by slug); return how many."""
    if skill_model is None:
        skill_model = Skill
    existing = set(skill_model.objects.values_list("slug", flat=True))
    missing = [
        skill_model(
            id=uuid7(),
            slug=slugify(name_en),
            name_fr=name_fr,
            name_en=name_en,
            category=category,
            status="approved",
        )
        for category, name_fr, name_en in SKILLS
        if slugify(name_en) not in existing
    ]
    skill_model.objects.bulk_create(missing)
    return len(missing)
