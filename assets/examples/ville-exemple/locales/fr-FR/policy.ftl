# Ville-Exemple (exemple fictif) — textes de la politique, en français.
# Chaque catégorie de policy.toml a un message category-<id> avec l'attribut
# .description ; chaque cookie a cookie-<id>-service et cookie-<id>-purpose.
# Le fournisseur et le nom réel du cookie viennent de policy.toml.

## Catégories

category-necessary = Nécessaires
    .description = Le portail ne peut pas fonctionner sans eux : ils gardent votre session, protègent les formulaires et répartissent la charge entre les serveurs. Ils sont toujours actifs et ne servent à rien d'autre.

category-preferences = Préférences
    .description = Ils retiennent les réglages que vous choisissez sur le portail, comme la langue ou la présentation des résultats. Sans eux, le portail marche, mais oublie ces réglages d'une page à l'autre.

category-statistics = Statistiques
    .description = Ils mesurent la fréquentation du portail (nombre de visites, pages les plus consultées) pour aider la ville à l'améliorer. Les mesures restent sur les serveurs de la ville. Ils ne sont utilisés que si vous les acceptez.

category-first-party = Internes (first-party)
    .description = Le portail les pose lui-même, en plus des cookies nécessaires : pour le petit questionnaire « Cette page vous a-t-elle aidé ? » et pour vous proposer des jeux de données proches de ceux que vous avez ouverts.

category-third-party = Tiers (third-party)
    .description = Ils sont posés par les services dont le portail intègre le contenu : vidéos, cartes et bouton de partage. Ces services peuvent savoir quelles pages vous avez vues. Refusés, ces contenus ne s'affichent pas.

## Cookies nécessaires

cookie-ve-session-service = Session sur le portail
cookie-ve-session-purpose = Vous reconnaître d'une page à l'autre pendant votre visite.

cookie-ve-csrf-service = Protection des formulaires (CSRF)
cookie-ve-csrf-purpose = Vérifier que les formulaires envoyés viennent bien du portail.

cookie-serverid-service = Répartiteur de charge
cookie-serverid-purpose = Envoyer toutes vos pages au même serveur pendant la visite.

cookie-ve-consentement-service = Bandeau cookies du portail
cookie-ve-consentement-purpose = Retenir la réponse donnée au bandeau cookies du portail.

## Préférences

cookie-ve-langue-service = Choix de la langue
cookie-ve-langue-purpose = Garder la langue que vous avez choisie sur le portail.

cookie-ve-affichage-service = Présentation des résultats
cookie-ve-affichage-purpose = Retenir la vue choisie (liste, tableau ou carte) et le nombre de résultats par page.

## Statistiques

cookie-pk-id-service = Mesure d'audience Matomo (serveur de la ville)
cookie-pk-id-purpose = Reconnaître votre navigateur d'une visite à l'autre pour compter les visiteurs.

cookie-pk-ses-service = Mesure d'audience Matomo (serveur de la ville)
cookie-pk-ses-purpose = Regrouper les pages vues pendant une même visite.

cookie-ve-audience-service = Compteur de visites anonyme
cookie-ve-audience-purpose = Compter une visite une seule fois, sans identifiant ni suivi.

## Internes

cookie-ve-avis-service = Questionnaire « Cette page vous a-t-elle aidé ? »
cookie-ve-avis-purpose = Ne pas vous reposer la question sur une page où vous avez déjà répondu.

cookie-ve-suggestions-service = Suggestions de jeux de données
cookie-ve-suggestions-purpose = Retenir les jeux de données ouverts pour vous en proposer de proches.

## Tiers

cookie-et-visitor-service = Vidéos intégrées
cookie-et-visitor-purpose = Identifier votre navigateur auprès de la plateforme vidéo et compter les lectures.

cookie-et-player-service = Lecteur vidéo
cookie-et-player-purpose = Garder le volume, la qualité et les sous-titres choisis.

cookie-em-session-service = Cartes interactives
cookie-em-session-purpose = Charger les fonds de carte et garder la position de la carte.

cookie-xs-share-service = Bouton de partage
cookie-xs-share-purpose = Compter les partages et reconnaître votre compte sur ce réseau si vous y êtes connecté.
