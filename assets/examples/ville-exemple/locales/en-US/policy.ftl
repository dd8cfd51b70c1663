# Ville-Exemple (fictional example) — policy texts, English.
# Every category in policy.toml has a category-<id> message with a
# .description attribute; every cookie has cookie-<id>-service and
# cookie-<id>-purpose. The provider and the cookie's real name come from
# policy.toml.

## Categories

category-necessary = Necessary
    .description = The portal cannot work without them: they keep your session, protect the forms and spread the load across the servers. They are always on and are used for nothing else.

category-preferences = Preferences
    .description = They remember the settings you pick on the portal, such as the language or how results are shown. Without them the portal works, but forgets those settings from one page to the next.

category-statistics = Statistics
    .description = They measure how the portal is used (number of visits, most read pages) to help the town improve it. The figures stay on the town's own servers. They are only used if you accept them.

category-first-party = First-party
    .description = The portal sets them itself, on top of the necessary ones: for the short "Was this page useful?" survey and to suggest datasets close to the ones you opened.

category-third-party = Third-party
    .description = The services whose content the portal embeds set them: videos, maps and the share button. Those services can see which pages you visited. If you refuse them, that content is not shown.

## Necessary cookies

cookie-ve-session-service = Portal session
cookie-ve-session-purpose = Recognise you from one page to the next during your visit.

cookie-ve-csrf-service = Form protection (CSRF)
cookie-ve-csrf-purpose = Check that submitted forms really come from the portal.

cookie-serverid-service = Load balancer
cookie-serverid-purpose = Send all your pages to the same server during the visit.

cookie-ve-consentement-service = The portal's cookie banner
cookie-ve-consentement-purpose = Remember the answer given to the portal's own cookie banner.

## Preferences

cookie-ve-langue-service = Language selection
cookie-ve-langue-purpose = Keep the language you picked on the portal.

cookie-ve-affichage-service = How results are shown
cookie-ve-affichage-purpose = Remember the chosen view (list, table or map) and the number of results per page.

## Statistics

cookie-pk-id-service = Matomo audience measurement (the town's server)
cookie-pk-id-purpose = Recognise your browser from one visit to the next to count visitors.

cookie-pk-ses-service = Matomo audience measurement (the town's server)
cookie-pk-ses-purpose = Group the pages seen during one visit.

cookie-ve-audience-service = Anonymous visit counter
cookie-ve-audience-purpose = Count a visit only once, with no identifier and no tracking.

## First-party

cookie-ve-avis-service = "Was this page useful?" survey
cookie-ve-avis-purpose = Not ask you again on a page where you already answered.

cookie-ve-suggestions-service = Dataset suggestions
cookie-ve-suggestions-purpose = Remember the datasets you opened to suggest similar ones.

## Third-party

cookie-et-visitor-service = Embedded videos
cookie-et-visitor-purpose = Identify your browser to the video platform and count views.

cookie-et-player-service = Video player
cookie-et-player-purpose = Keep the volume, quality and subtitles you chose.

cookie-em-session-service = Interactive maps
cookie-em-session-purpose = Load the map tiles and keep the map's position.

cookie-xs-share-service = Share button
cookie-xs-share-purpose = Count shares and recognise your account on that network if you are signed in.
