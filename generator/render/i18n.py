"""Interface text in English and French. Vocabulary labels come from
schema/vocabularies.yaml; everything else a reader sees is here."""

from __future__ import annotations

LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

STRINGS: dict[str, tuple[str, str]] = {
    "site_name": ("WIL Directory – Calgary region", "Répertoire AIT – région de Calgary"),
    "site_description": (
        "Work-integrated learning opportunities from Calgary-region postsecondary institutions, in one place.",
        "Les occasions d'apprentissage intégré au travail des établissements postsecondaires de la région de Calgary, au même endroit.",
    ),
    "sample_banner": (
        "Sample data: the institutions are real, but every opportunity, employer and contact on this site is invented for demonstration.",
        "Données d'exemple : les établissements sont réels, mais les occasions, employeurs et coordonnées de ce site sont fictifs.",
    ),
    "home": ("Home", "Accueil"),
    "home_title": (
        "Work-integrated learning in the Calgary region",
        "L'apprentissage intégré au travail dans la région de Calgary",
    ),
    "home_intro": (
        "Co-op terms, internships, placements, industry projects, hackathons and more, from {institutions} postsecondary institutions, in one directory.",
        "Stages coopératifs, stages, placements, projets industriels, marathons de programmation et plus, de {institutions} établissements postsecondaires, dans un seul répertoire.",
    ),
    "for_students": ("For students", "Pour les étudiants"),
    "for_students_text": (
        "Browse every open opportunity, closing soon first, or by type, sector or institution.",
        "Parcourez toutes les occasions ouvertes, les plus urgentes d'abord, ou par type, secteur ou établissement.",
    ),
    "for_employers": ("For employers", "Pour les employeurs"),
    "for_employers_text": (
        "Find the format that fits your time and budget, the subsidies that apply and whom to contact.",
        "Trouvez la formule adaptée à votre temps et à votre budget, les subventions offertes et la personne à joindre.",
    ),
    "for_institutions": ("For institutions", "Pour les établissements"),
    "for_institutions_text": (
        "See what each institution offers and how to reach its work-integrated learning office.",
        "Voyez ce que chaque établissement offre et comment joindre son bureau d'apprentissage intégré au travail.",
    ),
    "in_numbers": ("In numbers", "En chiffres"),
    "count_open": ("open opportunities", "occasions ouvertes"),
    "count_closing": ("closing in the next 30 days", "se terminent dans les 30 prochains jours"),
    "count_employers": ("aimed at employers", "destinées aux employeurs"),
    "count_institutions": ("institutions", "établissements"),
    "count_types": ("types of work-integrated learning", "types d'apprentissage intégré au travail"),
    "updated": ("Data as of {date}.", "Données au {date}."),
    "browse": ("All opportunities", "Toutes les occasions"),
    "browse_intro": (
        "Every open opportunity, closing soon first.",
        "Toutes les occasions ouvertes, les plus urgentes d'abord.",
    ),
    "types": ("Types of WIL", "Types d'AIT"),
    "types_intro": (
        "Traditional types are defined by CEWIL Canada; emerging formats, promoted by BHER, are shorter and often an employer's first step.",
        "Les types traditionnels sont définis par l'ACDEC (CEWIL Canada); les formules émergentes, promues par la TRAES (BHER), sont plus courtes et souvent le premier pas d'un employeur.",
    ),
    "traditional": ("Traditional (CEWIL)", "Traditionnels (CEWIL)"),
    "emerging": ("Emerging formats (BHER)", "Formules émergentes (TRAES)"),
    "sectors": ("Sectors", "Secteurs"),
    "sectors_intro": (
        "Fields of work, each mapped to NAICS Canada sectors.",
        "Domaines d'activité, chacun associé à des secteurs du SCIAN Canada.",
    ),
    "naics": ("NAICS sectors", "Secteurs SCIAN"),
    "institutions": ("Institutions", "Établissements"),
    "institutions_intro": (
        "The institutions that contribute to this directory.",
        "Les établissements qui contribuent à ce répertoire.",
    ),
    "employers_title": (
        "Which work-integrated learning fits my business?",
        "Quelle formule d'AIT convient à mon entreprise?",
    ),
    "employers_intro": (
        "You can start small: judge a case competition for an afternoon, host a two-day micro-internship, and later take a co-op student. Formats are listed from the lightest commitment to the deepest.",
        "Vous pouvez commencer petit : juger un concours un après-midi, accueillir un microstage de deux jours, puis un stagiaire coopératif. Les formules vont de l'engagement le plus léger au plus exigeant.",
    ),
    "formats": ("Formats, from lightest to deepest", "Formules, de la plus légère à la plus exigeante"),
    "subsidies": ("Wage subsidies", "Subventions salariales"),
    "subsidies_intro": (
        "These programs can pay part of a student's wage. Listings say which ones apply.",
        "Ces programmes peuvent payer une partie du salaire d'un étudiant. Les annonces indiquent ceux qui s'appliquent.",
    ),
    "contacts": ("One contact per institution", "Une personne-ressource par établissement"),
    "contacts_intro": (
        "Not sure where to start? Write to one of these offices: they will find the right program for you.",
        "Vous ne savez pas par où commencer? Écrivez à l'un de ces bureaux : il trouvera le bon programme pour vous.",
    ),
    "for_employers_open": ("Open calls for employers", "Appels ouverts aux employeurs"),
    "length": ("Typical length", "Durée typique"),
    "host_cost": ("Cost to the host", "Coût pour l'hôte"),
    "host_time": ("Time asked of the host", "Temps demandé à l'hôte"),
    "supervision": ("Supervision", "Supervision"),
    "offered_by": ("Offered by", "Offert par"),
    "open_opportunities": ("Open opportunities", "Occasions ouvertes"),
    "none_open": ("No open opportunity right now.", "Aucune occasion ouverte pour le moment."),
    "see_all": ("See all {count}", "Voir les {count}"),
    "page_n": ("Page {n} of {total}", "Page {n} sur {total}"),
    "pages": ("Pages", "Pages"),
    "previous": ("Previous", "Précédent"),
    "next": ("Next", "Suivant"),
    "results": ("{count} opportunities", "{count} occasions"),
    "deadline": ("Apply by", "Date limite"),
    "rolling": ("Rolling intake", "Admission continue"),
    "no_deadline": ("No deadline", "Aucune date limite"),
    "dates": ("Dates", "Dates"),
    "starts": ("Starts", "Début"),
    "ends": ("Ends", "Fin"),
    "duration": ("Duration", "Durée"),
    "hours_per_week": ("Hours per week", "Heures par semaine"),
    "intake_terms": ("Intake", "Admission"),
    "pay": ("Pay", "Rémunération"),
    "per": ("{amount} {period}", "{amount} {period}"),
    "work_arrangement": ("Where", "Lieu"),
    "eligibility": ("Who can apply", "Admissibilité"),
    "study_levels": ("Levels of study", "Niveaux d'études"),
    "international": ("International students", "Étudiants étrangers"),
    "part_time": ("Part-time students", "Étudiants à temps partiel"),
    "yes": ("Yes", "Oui"),
    "no": ("No", "Non"),
    "not_stated": ("Not stated", "Non précisé"),
    "requirements": ("Requirements", "Exigences"),
    "equity_focus": ("Designed for", "Conçu pour"),
    "audience": ("For", "Pour"),
    "languages": ("Languages of work", "Langues de travail"),
    "fields_of_study": ("Fields of study", "Domaines d'études"),
    "host": ("Host", "Hôte"),
    "host_commitment": ("What the host commits", "Engagement de l'hôte"),
    "host_hours": ("About {hours} hours of staff time in all", "Environ {hours} heures de temps du personnel au total"),
    "how_to_apply": ("How to apply", "Comment postuler"),
    "apply": ("Apply or learn more", "Postuler ou en savoir plus"),
    "contact": ("Contact", "Personne-ressource"),
    "program": ("Program", "Programme"),
    "at_a_glance": ("At a glance", "En bref"),
    "about": ("About this opportunity", "À propos de cette occasion"),
    "status": ("Status", "Statut"),
    "last_verified": ("Last verified", "Dernière vérification"),
    "sources": ("Source files", "Fichiers sources"),
    "sources_note": (
        "Listed by {count} institution(s); merged from these data files:",
        "Inscrite par {count} établissement(s); fusionnée à partir de ces fichiers :",
    ),
    "other_language": ("Lire en français", "Read in English"),
    "shown_in_other_language": (
        "This opportunity is described in French only.",
        "Cette occasion est décrite en anglais seulement.",
    ),
    "wil_contact": ("Work-integrated learning contact for employers", "Personne-ressource en AIT pour les employeurs"),
    "website": ("Website", "Site Web"),
    "email": ("Email", "Courriel"),
    "phone": ("Phone", "Téléphone"),
    "web_page": ("Web page", "Page Web"),
    "kind": ("Kind", "Type"),
    "opportunities_count": ("{count} open", "{count} ouvertes"),
    "type": ("Type", "Type"),
    "sector": ("Sector", "Secteur"),
    "institution": ("Institution", "Établissement"),
    "remote_short": ("Remote", "À distance"),
}


def t(key: str, lang: str, **values: object) -> str:
    en, fr = STRINGS[key]
    text = fr if lang == "fr" else en
    return text.format(**values) if values else text
