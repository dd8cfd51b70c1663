# kiosk-consent — interface, français.
# Une politique peut remplacer chacun de ces messages dans ses propres fichiers locales/<locale>/*.ftl.

language-name = Français
# Entre une étiquette et sa valeur (« Fournisseur : Opendatasoft »).
colon = {" :"}

## Écran d'accueil

welcome-title = Les cookies de { $site }
welcome-summary = Avant d'ouvrir le navigateur, dites-nous quels cookies vous acceptez sur { $site }. Les cookies nécessaires font fonctionner le site et restent toujours actifs. Les autres ({ $optional }) ne servent que si vous les acceptez. Vous pouvez tout accepter, tout refuser ou choisir catégorie par catégorie ; { $duration }
welcome-summary-required-only = Avant d'ouvrir le navigateur, voici ce que { $site } enregistre dans votre navigateur. Le site n'utilise que des cookies nécessaires, qui le font fonctionner et restent toujours actifs ; { $duration }
# The end of the summary: how long the answer holds. On a kiosk, the time of the visit.
welcome-duration-days = votre choix vaut { $days } jours au plus.
welcome-duration-visit = votre choix vaut pour cette visite seulement : il est effacé dès que vous fermez le navigateur.
summary-position = Lignes { $first } à { $last } sur { $total } (↓ : la suite)
accept-all = Tout accepter
accept-all-key = a
refuse-all = Tout refuser
refuse-all-key = r
choose = Personnaliser
choose-key = p
read-charter = Lire la charte des cookies
read-charter-key = c
language-button = Langue : { $language }

## Écran de choix

choose-title = Choisissez les cookies que vous acceptez
state-always-on = toujours actif
state-accepted = accepté
state-refused = refusé
cookies-heading = Cookies de cette catégorie
no-cookies = Le site n'utilise aucun cookie de cette catégorie.
column-name = Nom
column-provider = Fournisseur
column-service = Service
column-purpose = Finalité
save-choices = Enregistrer mes choix
save-choices-key = e
back = Retour
scroll-position = { $first }–{ $last } sur { $total }

## Écran de la charte

charter-title = Charte des cookies
charter-position = Lignes { $first } à { $last } sur { $total } ({ $percent } %)

## Écran d'aide

help-title = Aide : les touches
help-intro = Toutes les touches de l'écran d'où vous venez :

## Écran final

done-title = Votre choix est enregistré
done-accept-all = Vous avez accepté tous les cookies.
done-reject-all = Vous avez refusé tous les cookies facultatifs.
done-custom = Vous avez choisi catégorie par catégorie.
done-closing = Cet écran se ferme dans quelques secondes, ou appuyez sur une touche.

## Erreurs affichées dans le dialogue

save-failed = Votre choix n'a pas pu être enregistré dans { $path } : { $cause }. Vos choix sont conservés : réessayez, ou demandez de l'aide à l'accueil.
too-small = Cette fenêtre est trop petite. Agrandissez-la à au moins 40 colonnes sur 15 lignes.
too-small-leave = Ou appuyez sur Échap pour partir sans décider.

## Touches (noms affichés dans l'aide et en bas de l'écran)

key-tab = Tab
key-backtab = Maj+Tab
key-arrows = ↑ ↓ ← →
key-jk = j / k
key-space = Espace
key-enter = Entrée
key-esc = Échap
key-pageupdown = Pg.Préc / Pg.Suiv
key-homeend = Début / Fin
key-help = ? / F1
key-language = F2
key-plain = F3
key-quit = q
key-any = N'importe quelle touche
key-wheel = Molette de la souris
key-click = Clic ou toucher

action-next = contrôle suivant
action-prev = contrôle précédent
action-move = passer d'un contrôle à l'autre
action-move-or-scroll = faire défiler le résumé, ou passer d'un contrôle à l'autre
action-scroll = faire défiler
action-scroll-page = faire défiler d'une page
action-scroll-ends = aller au début / à la fin
action-toggle = cocher ou décocher la catégorie
action-activate = appuyer sur le bouton, ou cocher la catégorie
action-press = appuyer sur le bouton
action-help = cette aide
action-language = changer de langue
action-plain = affichage simple ou non (lecteurs d'écran, braille)
action-back = revenir en arrière
action-leave = partir sans décider
action-shortcut = raccourci du bouton « { $button } »
action-close = fermer cet écran
action-click = appuyer sur un bouton ou cocher une case
action-click-button = appuyer sur un bouton

footer-welcome = Tab : suivant · Entrée : valider · F2 : langue · ? : aide
footer-choose = Tab : suivant · Espace : cocher · Entrée : valider · Échap : retour · ? : aide
footer-charter = ↑ ↓ Pg.Préc Pg.Suiv : défiler · Échap : retour · ? : aide
footer-help = ↑ ↓ Pg.Préc Pg.Suiv : défiler · Échap : retour
footer-done = N'importe quelle touche : fermer

## Ligne de commande

check-ok = OK : { $categories } catégories, { $cookies } cookies, langues { $locales }.
problems-more = … et { $count } de plus ; lancez `kiosk-consent check`.
show-none = Aucun consentement valable.
show-valid = Consentement donné le { $decided }, valable jusqu'au { $expires }.
show-file = Fichier : { $path }
show-action = Réponse : { $action }
consent-missing = Il n'y a pas de fichier de consentement à { $path }.
consent-unreadable = Le fichier de consentement { $path } ne peut pas être lu : { $cause }.
consent-corrupt = Le fichier de consentement { $path } est abîmé (ce n'est pas un fichier kiosk-consent valable) ; il compte comme une absence de consentement.
consent-unknown-format = Le fichier de consentement { $path } est dans un format inconnu ({ $format }).
consent-other-policy = Le fichier de consentement { $path } concerne une autre politique ({ $id }).
consent-other-version = Le fichier de consentement { $path } concerne une autre version de la politique ({ $version }) ; il faut redemander.
consent-expired = Le consentement de { $path } a expiré le { $date }.
consent-future = Le consentement de { $path } est daté dans le futur ({ $date }) ; l'horloge est peut-être fausse, il n'est donc pas pris en compte.
consent-too-long = Le consentement de { $path } se dit valable jusqu'au { $date }, plus longtemps que la politique ne le permet : il a été modifié, il n'est donc pas pris en compte.
error-unknown-category = catégorie inconnue « { $category } » (la politique a : { $known })
error-bad-lang = « { $tag } » n'est pas une étiquette de langue (essayez fr-FR ou en).
error-no-data-dir = aucun dossier personnel où garder le fichier de consentement ; indiquez-en un avec --consent-file.
error-reset = impossible de supprimer { $path } : { $cause }
error-terminal = impossible d'utiliser le terminal : { $cause }
error-internal = erreur interne ; le terminal a été remis en état et rien n'a été enregistré.

## Causes des erreurs de fichier

cause-not-found = le fichier ou le dossier n'existe pas
cause-permission-denied = permission refusée
cause-read-only = le disque est en lecture seule
cause-disk-full = le disque est plein
cause-is-directory = c'est un dossier, pas un fichier
cause-not-a-directory = une partie du chemin n'est pas un dossier
cause-invalid-data = le contenu n'est pas valable
cause-not-regular = ce n'est pas un fichier ordinaire (tube, périphérique…)
cause-too-large = le fichier dépasse la taille permise ({ $detail } octets)
cause-too-many-files = le dossier contient plus de { $detail } fichiers de ce genre
cause-other = { $detail }

## Problèmes de politique (kiosk-consent check)

problem-unreadable = impossible de lire ce fichier : { $cause }
problem-not-utf8 = ce fichier n'est pas du texte UTF-8 valable
problem-toml-syntax = erreur de syntaxe TOML : { $detail }
problem-unknown-key = clé inconnue « { $key } »
problem-missing-key = clé manquante « { $key } »
problem-wrong-type = « { $key } » doit être { $expected }
type-string = une chaîne de caractères
type-integer = un nombre entier
type-boolean = true ou false
type-array-of-strings = une liste de chaînes
type-array-of-tables = une liste de tables ([[…]])
type-table = une table ([…])
problem-bad-id = « { $id } » n'est pas un identifiant valable (attendu : { $pattern })
problem-duplicate-id = l'identifiant « { $id } » est utilisé deux fois
problem-unknown-category = catégorie inconnue « { $id } »
problem-required-with-default = la catégorie obligatoire « { $id } » ne peut pas avoir de valeur par défaut : elle est toujours active
problem-consent-days = consent_days doit être entre 1 et 395 (13 mois), pas { $value }
problem-speech-range = « { $key } » doit être un nombre entre -100 et 100, pas { $value }
problem-bad-site = site doit être une adresse http:// ou https://, pas « { $value } »
problem-bad-domain = « { $value } » n'est pas un hôte qu'un navigateur reconnaît (un nom comme exemple.fr, ou une adresse IPv4 comme 192.0.2.1)
problem-no-domains = la liste domains est vide : donnez au moins un hôte sur lequel ce cookie est posé
problem-too-many = trop d'éléments dans « { $key } » : { $max } au plus
problem-too-long = la valeur de « { $key } » dépasse { $max } caractères
problem-env-collision = la catégorie « { $id } » donnerait la variable { $variable }, déjà prise, à export --format env : choisissez un autre id
problem-bad-locale = « { $value } » n'est pas une étiquette de langue
problem-no-categories = la politique ne déclare aucune catégorie ([[categories]])
problem-default-locale = la langue par défaut { $locale } n'a pas de charte (charter/{ $locale }.md)
problem-charter-without-messages = la langue { $locale } a une charte mais pas de locales/{ $locale }/policy.ftl
problem-messages-without-charter = la langue { $locale } a des messages mais pas de charter/{ $locale }.md
problem-fluent-syntax = erreur de syntaxe Fluent : { $detail }
problem-single-brackets = « [{ $key }] » ne déclare qu'un seul tableau : écrivez « [[{ $key }]] », avec deux crochets, avant chaque élément
problem-locale-underscore = « { $value } » : une étiquette de langue s'écrit avec un tiret, « { $suggestion } » (comme le nom du fichier de charte)
fluent-brace = une accolade « { $open } » ouvre une expression, comme « { $example } » ; pour écrire l'accolade elle-même, mettez « { $escaped } »
fluent-closing-brace = une accolade fermante « { "}" } » sans accolade ouvrante
fluent-unterminated-string = une chaîne entre guillemets n'est pas fermée
fluent-missing-value = ce message n'a pas de texte
fluent-expected-token = « { $token } » attendu ici
fluent-other = { $detail }
toml-unquoted-string = le texte doit être entre guillemets
toml-unclosed-string = le texte entre guillemets n'est pas fermé
toml-empty-key = il manque le nom de la clé avant « = »
toml-duplicate-key = cette clé est déjà définie plus haut
toml-unclosed-table = le nom de table n'est pas fermé : « ] » attendu
toml-unclosed-array = la liste n'est pas fermée : « ] » attendu
toml-no-value = cette clé n'a pas de valeur : « = » attendu
problem-missing-message = message manquant « { $id } »
problem-missing-attribute = le message « { $id } » n'a pas d'attribut .{ $attribute }
problem-extra-message = message inattendu « { $id } » (ni catégorie, ni cookie, ni message de l'interface)

## Journal des preuves de consentement

log-intact = Journal intact : { $entries } { $entries ->
        [one] décision
       *[other] décisions
    } dans { $files } { $files ->
        [one] fichier
       *[other] fichiers
    }. { $journal }
log-broken = Journal rompu à { $place } : { $reason }
log-unreadable = Impossible de lire le journal { $path } : { $cause }
log-not-json = cette ligne n'est pas un objet JSON.
log-no-prev = cette ligne n'a pas de champ « prev ».
log-chain = « prev » n'est pas l'empreinte de la ligne précédente : une ligne avant celle-ci a été modifiée, supprimée ou déplacée.
log-head = la dernière ligne n'est pas celle notée dans consent-log.head : elle a été modifiée ou supprimée.
log-no-head = ce fichier manque alors que le journal contient des décisions : il a été supprimé, peut-être avec les dernières lignes.
log-anchor = le journal du système a enregistré une décision plus récente qui n'est plus dans le journal de consentement : des lignes ont été supprimées.
log-anchored = Vérifié avec { $heads } { $heads ->
        [one] tête enregistrée
       *[other] têtes enregistrées
    } dans le journal du système.
log-no-journal = Pas de journal du système pour comparer : la suppression des dernières lignes avec consent-log.head ne se verrait pas.

## Mode borne : la sortie de l'opérateur

pin-title = Sortie opérateur
pin-prompt = Code PIN de l'opérateur :
pin-hint = Entrée : valider · Échap : revenir au dialogue
pin-wrong = Code incorrect.
pin-locked = Trop de codes incorrects : aucun code n'est vérifié pendant encore { $seconds } s.
kiosk-no-pin = mode borne sans code PIN d'opérateur : Ctrl+Alt+Q quitte le mode borne sans rien demander. Définissez un code avec « kiosk-consent operator set-pin ».
pin-prompt-new = Nouveau code PIN de l'opérateur :
pin-prompt-again = Le même code PIN une seconde fois :
pin-mismatch = Les deux codes diffèrent ; rien n'a été changé.
pin-too-short = Le code PIN doit avoir au moins { $min } caractères ; rien n'a été changé.
pin-set = Code PIN enregistré (sous forme d'empreinte salée) dans { $path }.
error-write = impossible d'écrire { $path } : { $cause }
key-pin = 0–9, lettres
action-type-pin = taper le code (Retour arrière efface)
action-confirm-pin = vérifier le code
problem-bad-shortcut = le raccourci { $id } doit être une seule lettre ou un chiffre, sauf j, k et q, pas « { $value } »
problem-shortcut-conflict = le raccourci { $id } est « { $value } », comme { $other } sur le même écran
problem-bad-value = « { $value } » ne peut pas être la valeur de { $key } (attendu : { $pattern })
problem-banner-manager = gestionnaire de consentement inconnu « { $value } » : kiosk-consent connaît { $managers }
problem-banner-key-not-for = le gestionnaire de consentement { $manager } ne prend pas de clé « { $key } »
problem-banner-no-services = [site_banner.services] est vide : donnez chaque service du gestionnaire et la catégorie qu'il suit
problem-banner-ambiguous = le service « { $name } » se termine par le nom du service « { $other } » : tarteaucitron lirait la réponse de l'un pour l'autre
problem-banner-service-group = le service « { $name } » appartient à la catégorie « { $group } », absente de [site_banner.services]
problem-banner-placeholder = emplacement inconnu {"{"}{ $name }{"}"} : un identifiant de catégorie, timestamp ou timestamp_ms
problem-banner-brace = une {"{"} jamais fermée : écrivez {"{"}catégorie{"}"} ou {"{"}timestamp{"}"}
problem-banner-domain = le site ne peut pas poser de cookie pour « { $value } » : donnez son propre hôte { $site } ou un domaine au-dessus
problem-banner-too-long = le cookie de ce bandeau pourrait dépasser { $max } octets, que les navigateurs ne gardent pas : moins de services, ou des noms ou des mots plus courts

## Erreurs de ligne de commande

usage-unknown-argument = option inconnue { $arg }
usage-unknown-command = commande inconnue « { $arg } »
usage-invalid-value = « { $value } » n'est pas une valeur possible pour { $arg }
usage-missing = il manque : { $arg }
usage-other = la ligne de commande n'est pas valable
usage-hint = Lancez `kiosk-consent --help` pour voir les commandes et les options.
categories-above = ↑ { $count } de plus
categories-below = ↓ { $count } de plus
usage-dialog-option = --kiosk, --theme, --plain, --no-mouse, --idle-timeout, --no-log et --speech sont des options du dialogue (run), pas de cette commande

## kiosk-consent doctor

doctor-ok = [ok]
doctor-warning = [attention]
doctor-problem = [problème]
doctor-summary = { $problems ->
        [0] Aucun problème.
        [one] 1 problème à corriger.
       *[other] { $problems } problèmes à corriger.
    }
doctor-as-root = lancé en root : chaque fichier paraît modifiable ; lancez « sudo -u kiosk kiosk-consent doctor » pour voir ce que le compte de la borne peut faire.
doctor-policy-embedded = pas de politique de l'opérateur (KIOSK_CONSENT_POLICY ou --policy) : la politique par défaut intégrée est utilisée.
doctor-policy-ok = la politique { $path } est valable.
doctor-policy-broken = la politique { $path } a { $count } problème(s) : lancez « kiosk-consent --policy { $path } check ».
doctor-policy-writable = le compte de la borne peut modifier { $path } : ce qui est dit aux visiteurs pourrait être changé. Donnez le dossier de la politique à root (docs/kiosk.md, étape 2).
doctor-browser-policy-missing = le fichier de politique du navigateur { $path } n'existe pas et ne peut pas être créé : le lanceur ne pourra pas imposer la décision.
doctor-browser-policy-not-writable = le compte de la borne ne peut pas réécrire { $path } : le lanceur ne pourra pas imposer la décision.
doctor-browser-policy-folder-writable = le compte de la borne peut écrire dans le dossier { $path } : il pourrait y ajouter ses propres règles de navigateur. Donnez le dossier à root et un seul fichier au compte (docs/kiosk.md, étape 3).
doctor-browser-policy-ok = le lanceur peut réécrire { $path } (le compte de la borne peut y mettre n'importe quelle règle du navigateur : c'est la limite de confiance, voir docs/kiosk.md).
doctor-browser-ok = navigateur trouvé : { $path }.
doctor-browser-missing = le navigateur « { $browser } » est introuvable (KIOSK_BROWSER, PATH).
doctor-banner-ok = le bandeau du site lui-même ({ $manager }) reçoit sa réponse dans le profil neuf de chaque visiteur (sqlite3 : { $path }).
doctor-banner-no-sqlite = la politique répond au bandeau du site lui-même ({ $manager }), mais sqlite3 est introuvable : le bandeau du site redemandera aux visiteurs. Installez-le : apt-get install sqlite3.
doctor-pin-system = code PIN de l'opérateur : { $path } (le compte de la borne ne peut pas le changer).
doctor-pin-system-writable = le compte de la borne peut modifier { $path } ou son dossier : donnez-les à root.
doctor-pin-unreadable = le compte de la borne ne peut pas lire { $path } : aucun code ne permettra de quitter le mode borne.
doctor-pin-own = code PIN de l'opérateur : { $path }, que le compte de la borne peut lire et remplacer ; préférez « sudo kiosk-consent operator set-pin --system ».
doctor-pin-none = aucun code PIN d'opérateur : Ctrl+Alt+Q quitte le mode borne sans rien demander. Lancez « sudo kiosk-consent operator set-pin --system ».
doctor-consent-no-folder = pas de dossier pour le fichier de consentement (ni --consent-file, ni KIOSK_CONSENT_FILE, ni dossier personnel).
doctor-consent-folder-later = le dossier du consentement { $path } sera créé à la première décision.
doctor-consent-folder-ok = dossier du consentement : { $path }.
doctor-consent-folder-not-writable = le compte de la borne ne peut pas écrire dans { $path } : aucune décision ne pourra être enregistrée.
doctor-consent-folder-world-writable = tout le monde peut écrire dans { $path } : n'importe quel compte pourrait y mettre une fausse décision.
doctor-consent-folder-private = le dossier du consentement { $path } (mode { $mode }) n'est pas lisible par les autres comptes : un lanceur lancé sous un autre compte ne le lira pas.

## --help (kiosk-consent --help, kiosk-consent help COMMANDE)

help-usage = Utilisation :
help-commands = Commandes
help-options = Options
help-arguments = Arguments
help-about = Demande au visiteur d'une borne quels cookies il accepte, avant que le navigateur s'ouvre
help-long-about = Montre la charte des cookies d'un site dans le terminal, laisse le visiteur tout accepter, tout refuser ou choisir catégorie par catégorie, et écrit sa décision dans un fichier JSON que lit le lanceur du navigateur de la borne.
help-exit-codes-run = Codes de sortie du dialogue : 0 décision enregistrée, 1 erreur, 2 ligne de commande erronée, 3 parti sans décider (jamais en mode borne), 4 l'opérateur a quitté le mode borne.
help-exit-codes-get = get : 0 accordée, 1 non (refusée, pas de consentement valable), 2 catégorie inconnue.
help-exit-codes-other = show, export, check, doctor, log verify : 0 oui, 1 non.
help-arg-help = Afficher cette aide
help-arg-version = Afficher la version (et le format du fichier de consentement)
help-run = Lancer le dialogue de consentement (la commande par défaut)
help-get = Code 0 si CATÉGORIE est accordée par un consentement valable, 1 sinon
help-show = Afficher la décision en cours, en mots
help-export = Afficher la décision pour un lanceur (json, env, chromium, firefox)
help-check = Vérifier le dossier de politique et ses traductions
help-site = Afficher l'adresse qu'ouvre le navigateur de la borne : le site de la politique
help-doctor = Vérifier l'installation de cette borne (à lancer sous le compte de la borne) : dossier de la politique, fichier de politique du navigateur, navigateur, code PIN, dossier du consentement
help-path = Afficher le chemin du fichier de consentement
help-reset = Effacer la décision, pour le visiteur suivant
help-log = Le journal des preuves de consentement
help-log-verify = Vérifier la chaîne du journal : code 0 si intacte, 1 si rompue (dit où)
help-operator = Réglages de l'opérateur pour le mode borne
help-operator-set-pin = Définir le code PIN demandé après la combinaison de sortie (lu deux fois au terminal, ou une fois sur l'entrée standard) ; seule une empreinte Argon2 salée est gardée
help-operator-clear-pin = Retirer le code PIN : la combinaison de sortie quitte alors tout de suite (sauf si un autre code est défini)
help-help = Afficher cette aide, ou celle de la commande donnée
help-arg-policy = Dossier de politique de l'opérateur (policy.toml, charter/, locales/) [env : KIOSK_CONSENT_POLICY] ; par défaut, la politique intégrée
help-arg-consent-file = Où la décision est écrite et lue [env : KIOSK_CONSENT_FILE] ; par défaut, consent.json dans le dossier de données de l'utilisateur
help-arg-lang = Langue du dialogue et de la charte (BCP 47, par ex. fr-FR, en) ; par défaut, d'après LC_ALL, LC_MESSAGES, LANG
help-arg-theme = Couleurs : default, high-contrast ou mono (sans couleur ; aussi choisi par NO_COLOR)
help-arg-plain = Présentation simple pour lecteurs d'écran et afficheurs braille : une colonne, sans cadres ni décoration, chaque contrôle sur sa ligne, ses mots en premier
help-arg-no-mouse = Ne pas capturer la souris (garde la sélection de texte du terminal)
help-arg-kiosk = Mode borne : le visiteur ne peut pas partir sans décider ; l'opérateur sort avec Ctrl+Alt+Q (puis le code PIN, s'il y en a un)
help-arg-idle-timeout = Revenir à l'accueil, en oubliant les choix non enregistrés, après SECS secondes sans action (120 par défaut en mode borne, jamais sinon ; 0 = jamais)
help-arg-no-log = Ne pas ajouter la décision au journal des preuves de consentement
help-arg-category = Un identifiant de catégorie de la politique (par ex. statistics)
help-arg-format = json (le fichier normalisé), env (variables shell), chromium ou firefox (politiques imposées au navigateur)
help-arg-system = Le code PIN du système, dans /etc/kiosk-consent (en root) : le compte de la borne peut le lire mais pas le changer, et il l'emporte sur le sien
help-arg-commands = Une commande (et sa sous-commande), par ex. export ou log verify

## Pages de manuel (man -L fr kiosk-consent)

man-name = NOM
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-options = OPTIONS
man-subcommands = COMMANDES
man-version = VERSION
man-exit-status = CODE DE RETOUR
man-environment = ENVIRONNEMENT
man-files = FICHIERS
man-examples = EXEMPLES
man-see-also = VOIR AUSSI
man-env-policy = Le dossier de politique de l'opérateur, comme --policy.
man-env-file = Le fichier de consentement, comme --consent-file.
man-env-lang = La langue, quand --lang n'est pas donné (négociée avec les langues de la politique).
man-env-no-color = Toute valeur non vide : pas de couleur (le thème mono, sauf --theme).
man-env-system-dir = Un autre dossier que /etc/kiosk-consent pour le code PIN du système (pour les tests).
man-env-syslog = Le socket du journal du système (par défaut /dev/log) ; vide : rien n'est envoyé.
man-file-consent = La décision du visiteur (format kiosk-consent/v1), écrite de façon atomique.
man-file-log = Le journal des preuves de consentement, chaîné par SHA-256 (kiosk-consent log verify).
man-file-system-pin = Le code PIN de l'opérateur installé par root (operator set-pin --system) ; il l'emporte.
man-file-own-pin = Le code PIN du compte de la borne, à défaut ; operator-pin.lockout à côté compte les codes faux.
man-file-policy = La politique par défaut, à copier comme point de départ.
man-file-doc = Les guides : mettre en place une borne, écrire une politique, accessibilité, fiabilité.
man-example-kiosk = Le dialogue en mode borne (comme le lance kiosk-session).
man-example-get = Faire quelque chose seulement si les statistiques sont accordées.
man-example-env = La décision dans des variables du shell (KIOSK_CONSENT_STATISTICS=0…).
man-example-check = Vérifier une politique avant de l'installer.
man-example-doctor = Vérifier l'installation de la borne, sous son compte.

## Kiosk mode: before the idle timeout drops a visitor's choices
idle-warning-title = Êtes-vous toujours là ?
idle-warning = Sans appui sur une touche, vos choix seront effacés dans { $seconds } secondes et le dialogue recommencera pour la personne suivante. Appuyez sur une touche pour continuer.

## La voix intégrée (speech-dispatcher) : ce qu'elle dit, et ses touches. Chaque message peut
## être remplacé par la politique, comme les autres.
help-arg-speech = La voix intégrée (speech-dispatcher) : on (dès le début), off (aucune voix) ou offer (proposée à voix haute au début de chaque visite ; F4 l'active) ; par défaut offer en mode borne, off sinon
speech-offer = Pour entendre ce dialogue à voix haute, appuyez sur la touche F4, en haut du clavier.
speech-on = Voix activée. F5 répète, F6 en dit plus, F7 met en pause, F8 et F9 changent la vitesse, F10 et F11 le volume, F4 coupe la voix.
speech-off = Voix coupée. F4 la remet.
speech-welcome-hint = Tab passe d'un bouton à l'autre, Entrée appuie sur le bouton.
speech-choose = { $count ->
        [one] Une catégorie.
       *[other] { $count } catégories.
    } Les flèches passent de l'une à l'autre, Espace coche ou décoche, F6 décrit la catégorie et ses cookies, Tab va aux boutons.
speech-charter-hint = Flèche bas : paragraphe suivant ; flèche haut : paragraphe précédent ; F5 : répéter ; Échap : retour.
speech-charter-end = Fin de la charte. Échap pour revenir.
speech-checkbox = { $name }, case à cocher, { $state }, { $position } sur { $total }
speech-checkbox-fixed = { $name }, toujours actif, ne peut pas être décoché, { $position } sur { $total }
speech-button = { $label }, bouton, touche { $key }, { $position } sur { $total }
speech-button-no-key = { $label }, bouton, { $position } sur { $total }
speech-details = { $name } : { $description }
speech-cookies = { $count ->
        [0] Aucun cookie dans cette catégorie.
        [one] Un cookie :
       *[other] { $count } cookies :
    }
speech-cookie = { $name }, de { $provider }, pour { $service } : { $purpose }
speech-star = étoile
speech-erased = effacé
speech-rate = Vitesse { $value }
speech-volume = Volume { $value }
speech-plain-on = Affichage simple.
speech-plain-off = Affichage normal.
speech-offer-footer = F4 : voix
speech-unavailable = Voix indisponible
key-voice = F4
key-repeat = F5
key-details = F6
key-pause = F7
key-rate = F8 / F9
key-volume = F10 / F11
action-voice-on = faire lire le dialogue à voix haute
action-voice-off = couper la voix
action-repeat = répéter ce que la voix vient de dire
action-details = en savoir plus sur le contrôle : la description de la catégorie et ses cookies
action-pause = mettre la voix en pause, ou la reprendre
action-rate = parler moins vite / plus vite
action-volume = parler moins fort / plus fort
speech-no-voice = Aucune voix ne parle la langue { $language } sur cette borne : la voix lit en { $fallback }.
