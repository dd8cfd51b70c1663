# kiosk-consent — default policy, English texts.
# Every category in policy.toml has a category-<id> message with a
# .description attribute; every cookie has cookie-<id>-service and
# cookie-<id>-purpose.

## Categories

category-necessary = Necessary
    .description = The site cannot work without them: they keep you signed in, remember your language and store your cookie choice. They are always on and are used for nothing else.

category-statistics = Statistics
    .description = They count visits and the pages people look at, to help improve the site. They are only used if you accept them.

category-first-party = First-party
    .description = The site sets them itself, on top of the necessary ones, for example to follow your path through the pages or tailor what you see. The site asks for your permission before using them.

category-third-party = Third-party
    .description = Another organisation than the site sets them, often an advertising company, which can then see which pages you visited. They are only allowed if you accept them.

## Cookies

cookie-sessionid-service = Sign-in for the public site and the back office
cookie-sessionid-purpose = Recognise you as you move from one page to the next.

cookie-django-language-service = Language selection (public site and back office)
cookie-django-language-purpose = Keep the language you picked.

cookie-csrftoken-service = Protection of API calls against request forgery (CSRF)
cookie-csrftoken-purpose = Let the site fetch its data safely.

cookie-cookies-preferences-service = Memory of your cookie choices
cookie-cookies-preferences-purpose = Remember what you decided about cookies.
