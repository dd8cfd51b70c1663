# kiosk-consent — politique par défaut, textes en français.
# Chaque catégorie de policy.toml a un message category-<id> avec l'attribut
# .description ; chaque cookie a cookie-<id>-service et cookie-<id>-purpose.

## Catégories

category-necessary = Nécessaires
    .description = Sans eux, le site ne peut pas fonctionner : ils gardent votre session ouverte, votre langue et votre choix sur les cookies. Ils restent toujours actifs et ne servent à rien d'autre.

category-statistics = Statistiques
    .description = Ils comptent les visites et les pages consultées pour aider à améliorer le site. Ils ne sont utilisés que si vous les acceptez.

category-first-party = Internes (first-party)
    .description = Ils sont posés par le site lui-même, en plus des cookies nécessaires, par exemple pour suivre votre parcours ou personnaliser ce qui vous est montré. Le site vous demande votre accord avant de s'en servir.

category-third-party = Tiers (third-party)
    .description = Ils sont posés par une autre organisation que le site, souvent une régie publicitaire, qui peut ainsi savoir quelles pages vous avez vues. Ils ne sont autorisés que si vous les acceptez.

## Cookies

cookie-sessionid-service = Connexion au site public et à l'espace d'administration
cookie-sessionid-purpose = Vous reconnaître quand vous passez d'une page à l'autre.

cookie-django-language-service = Choix de la langue (site public et espace d'administration)
cookie-django-language-purpose = Garder la langue que vous avez choisie.

cookie-csrftoken-service = Protection des appels à l'API contre les requêtes falsifiées (CSRF)
cookie-csrftoken-purpose = Permettre au site de charger les données en toute sécurité.

cookie-cookies-preferences-service = Mémoire de vos choix sur les cookies
cookie-cookies-preferences-purpose = Retenir ce que vous avez décidé au sujet des cookies.
