# kiosk-consent — user interface, English.
# A policy may override any of these messages in its own locales/<locale>/*.ftl files.

language-name = English
# Between a label and its value ("Provider: Opendatasoft").
colon = :

## Welcome screen

welcome-title = Cookies on { $site }
welcome-summary = Before the browser opens, please tell us which cookies you accept on { $site }. Necessary cookies make the site work and are always on. The others ({ $optional }) are only used if you accept them. You can accept all, refuse all, or choose category by category; { $duration }
welcome-summary-required-only = Before the browser opens, here is what { $site } stores in your browser. It only uses necessary cookies, which make the site work and are always on; { $duration }
# The end of the summary: how long the answer holds. On a kiosk, the time of the visit.
welcome-duration-days = your choice holds for { $days } days at most.
welcome-duration-visit = your choice holds for this visit only: it is erased as soon as you close the browser.
summary-position = Lines { $first }–{ $last } of { $total } (↓: more)
accept-all = Accept all
accept-all-key = a
refuse-all = Refuse all
refuse-all-key = r
choose = Choose
choose-key = c
read-charter = Read the full cookie policy
read-charter-key = p
language-button = Language: { $language }

## Choose screen

choose-title = Choose which cookies you accept
state-always-on = always on
state-accepted = accepted
state-refused = refused
cookies-heading = Cookies in this category
no-cookies = This site uses no cookie of this category.
column-name = Name
column-provider = Provider
column-service = Service
column-purpose = Purpose
save-choices = Save my choices
save-choices-key = s
back = Back
scroll-position = { $first }–{ $last } of { $total }

## Charter screen

charter-title = Cookie policy
charter-position = Lines { $first }–{ $last } of { $total } ({ $percent } %)

## Help screen

help-title = Help: keys
help-intro = Every key of the screen you came from:

## Done screen

done-title = Your choice is saved
done-accept-all = You accepted all cookies.
done-reject-all = You refused all optional cookies.
done-custom = You chose category by category.
done-closing = This screen closes in a few seconds, or press any key.

## Errors shown in the dialog

save-failed = Your choice could not be saved to { $path }: { $cause }. Your choices are kept: try again, or ask the reception desk for help.
too-small = This window is too small. Please make it at least 40 columns by 15 lines.
too-small-leave = Or press Esc to leave without deciding.

## Keys (names shown in the help screen and the footer)

key-tab = Tab
key-backtab = Shift+Tab
key-arrows = ↑ ↓ ← →
key-jk = j / k
key-space = Space
key-enter = Enter
key-esc = Esc
key-pageupdown = PgUp / PgDn
key-homeend = Home / End
key-help = ? / F1
key-language = F2
key-plain = F3
key-quit = q
key-any = Any key
key-wheel = Mouse wheel
key-click = Click or tap

action-next = next control
action-prev = previous control
action-move = move between controls
action-move-or-scroll = scroll the summary, or move from control to control
action-scroll = scroll
action-scroll-page = scroll one page
action-scroll-ends = go to the start / the end
action-toggle = tick or untick the category
action-activate = press the button, or tick the category
action-press = press the button
action-help = this help
action-language = change language
action-plain = plain layout on or off (screen readers, braille)
action-back = go back
action-leave = leave without deciding
action-shortcut = shortcut of the button "{ $button }"
action-close = close this screen
action-click = press a button or tick a box
action-click-button = press a button

footer-welcome = Tab: next · Enter: confirm · F2: language · ?: help
footer-choose = Tab: next · Space: tick · Enter: confirm · Esc: back · ?: help
footer-charter = ↑ ↓ PgUp PgDn: scroll · Esc: back · ?: help
footer-help = ↑ ↓ PgUp PgDn: scroll · Esc: back
footer-done = Any key: close

## Command line

check-ok = OK: { $categories } categories, { $cookies } cookies, locales { $locales }.
problems-more = … and { $count } more; run `kiosk-consent check`.
show-none = No valid consent.
show-valid = Consent given on { $decided }, valid until { $expires }.
show-file = File: { $path }
show-action = Answer: { $action }
consent-missing = There is no consent file at { $path }.
consent-unreadable = The consent file { $path } cannot be read: { $cause }.
consent-corrupt = The consent file { $path } is damaged (not a valid kiosk-consent file); it counts as no consent.
consent-unknown-format = The consent file { $path } has an unknown format ({ $format }).
consent-other-policy = The consent file { $path } is for another policy ({ $id }).
consent-other-version = The consent file { $path } is for another version of the policy ({ $version }); the visitor must be asked again.
consent-expired = The consent in { $path } expired on { $date }.
consent-future = The consent in { $path } is dated in the future ({ $date }); the clock may be wrong, so it is not trusted.
consent-too-long = The consent in { $path } claims to hold until { $date }, longer than the policy allows: it was edited, so it is not trusted.
error-unknown-category = unknown category "{ $category }" (the policy has: { $known })
error-bad-lang = "{ $tag }" is not a language tag (try fr-FR or en).
error-no-data-dir = no home folder to keep the consent file in; give one with --consent-file.
error-reset = cannot remove { $path }: { $cause }
error-terminal = cannot use the terminal: { $cause }
error-internal = internal error; the terminal was restored and nothing was saved.

## Causes of file errors

cause-not-found = the file or folder does not exist
cause-permission-denied = permission denied
cause-read-only = the disk is read-only
cause-disk-full = the disk is full
cause-is-directory = it is a folder, not a file
cause-not-a-directory = a part of the path is not a folder
cause-invalid-data = the content is not valid
cause-not-regular = it is not a regular file (a pipe, a device…)
cause-too-large = the file is larger than allowed ({ $detail } bytes)
cause-too-many-files = the folder holds more than { $detail } files of this kind
cause-other = { $detail }

## Policy problems (kiosk-consent check)

problem-unreadable = cannot read this file: { $cause }
problem-not-utf8 = this file is not valid UTF-8 text
problem-toml-syntax = TOML syntax error: { $detail }
problem-unknown-key = unknown key "{ $key }"
problem-missing-key = missing key "{ $key }"
problem-wrong-type = "{ $key }" must be { $expected }
type-string = a string
type-integer = a whole number
type-boolean = true or false
type-array-of-strings = a list of strings
type-array-of-tables = a list of tables ([[…]])
type-table = a table ([…])
problem-bad-id = "{ $id }" is not a valid id (expected { $pattern })
problem-duplicate-id = the id "{ $id }" is used twice
problem-unknown-category = unknown category "{ $id }"
problem-required-with-default = the required category "{ $id }" cannot have a default: it is always on
problem-consent-days = consent_days must be between 1 and 395 (13 months), not { $value }
problem-speech-range = "{ $key }" must be a number from -100 to 100, not { $value }
problem-bad-site = site must be an http:// or https:// address, not "{ $value }"
problem-bad-domain = "{ $value }" is not a host a browser knows (a name such as example.org, or an IPv4 address such as 192.0.2.1)
problem-no-domains = the domains list is empty: give at least one host this cookie is set on
problem-too-many = too many entries in "{ $key }": { $max } at most
problem-too-long = the value of "{ $key }" is longer than { $max } characters
problem-env-collision = the category "{ $id }" would give export --format env the variable { $variable }, which is taken: choose another id
problem-bad-locale = "{ $value }" is not a language tag
problem-no-categories = the policy declares no category ([[categories]])
problem-default-locale = the default locale { $locale } has no charter (charter/{ $locale }.md)
problem-charter-without-messages = the locale { $locale } has a charter but no locales/{ $locale }/policy.ftl
problem-messages-without-charter = the locale { $locale } has messages but no charter/{ $locale }.md
problem-fluent-syntax = Fluent syntax error: { $detail }
problem-single-brackets = "[{ $key }]" declares a single table: write "[[{ $key }]]", with double brackets, before each entry
problem-locale-underscore = "{ $value }": a language tag is written with a hyphen, "{ $suggestion }" (like the charter's file name)
fluent-brace = a brace "{ $open }" opens an expression, such as "{ $example }"; to write the brace itself, put "{ $escaped }"
fluent-closing-brace = a closing brace "{ "}" }" with no opening one
fluent-unterminated-string = a quoted string is not closed
fluent-missing-value = this message has no text
fluent-expected-token = "{ $token }" expected here
fluent-other = { $detail }
toml-unquoted-string = text must be in quotes
toml-unclosed-string = the quoted text is not closed
toml-empty-key = the key's name is missing before "="
toml-duplicate-key = this key is already defined above
toml-unclosed-table = the table name is not closed: "]" expected
toml-unclosed-array = the list is not closed: "]" expected
toml-no-value = this key has no value: "=" expected
problem-missing-message = missing message "{ $id }"
problem-missing-attribute = the message "{ $id }" lacks its .{ $attribute } attribute
problem-extra-message = unexpected message "{ $id }" (no such category, cookie or UI message)

## Proof-of-consent log

log-intact = Log intact: { $entries } { $entries ->
        [one] decision
       *[other] decisions
    } in { $files } { $files ->
        [one] file
       *[other] files
    }. { $journal }
log-broken = Log broken at { $place }: { $reason }
log-unreadable = Cannot read the log { $path }: { $cause }
log-not-json = this line is not a JSON object.
log-no-prev = this line has no "prev" field.
log-chain = "prev" is not the hash of the line before: a line before it was changed, removed or moved.
log-head = the last line is not the one recorded in consent-log.head: it was changed or removed.
log-no-head = this file is missing, while the log has decisions: it was removed, perhaps together with the last lines.
log-anchor = the system journal recorded a later decision that is no longer in the log: lines were removed.
log-anchored = Checked against { $heads } { $heads ->
        [one] head
       *[other] heads
    } recorded in the system journal.
log-no-journal = No system journal to compare with: removing the last lines together with consent-log.head would not show.

## Kiosk mode: the operator's exit

pin-title = Operator exit
pin-prompt = Operator PIN:
pin-hint = Enter: confirm · Esc: back to the dialog
pin-wrong = Wrong PIN.
pin-locked = Too many wrong PINs: no PIN is checked for another { $seconds } s.
kiosk-no-pin = kiosk mode without an operator PIN: Ctrl+Alt+Q leaves kiosk mode without asking anything. Set one with "kiosk-consent operator set-pin".
pin-prompt-new = New operator PIN:
pin-prompt-again = The same PIN again:
pin-mismatch = The two PINs differ; nothing was changed.
pin-too-short = The PIN must have at least { $min } characters; nothing was changed.
pin-set = PIN saved (as a salted hash) in { $path }.
error-write = cannot write { $path }: { $cause }
key-pin = 0–9, letters
action-type-pin = type the PIN (Backspace erases)
action-confirm-pin = check the PIN
problem-bad-shortcut = the shortcut { $id } must be one letter or digit other than j, k and q, not "{ $value }"
problem-shortcut-conflict = the shortcut { $id } is "{ $value }", like { $other } on the same screen
problem-bad-value = "{ $value }" cannot be the { $key } (expected { $pattern })
problem-banner-manager = unknown consent manager "{ $value }": kiosk-consent knows { $managers }
problem-banner-key-not-for = the consent manager { $manager } takes no "{ $key }"
problem-banner-no-services = [site_banner.services] is empty: name each of the manager's services and the category it follows
problem-banner-ambiguous = the service "{ $name }" ends with the name of the service "{ $other }": tarteaucitron would read one's answer for the other
problem-banner-service-group = the service "{ $name }" belongs to the category "{ $group }", which is not in [site_banner.services]
problem-banner-placeholder = unknown placeholder {"{"}{ $name }{"}"}: a category id, timestamp or timestamp_ms
problem-banner-brace = a {"{"} that is never closed: write {"{"}category{"}"} or {"{"}timestamp{"}"}
problem-banner-domain = the site cannot set a cookie for "{ $value }": give its own host { $site } or a domain above it
problem-banner-too-long = the cookie this banner needs could be longer than { $max } bytes, which browsers drop: list fewer services, or shorter names or words

## Command-line mistakes

usage-unknown-argument = unknown option { $arg }
usage-unknown-command = unknown command "{ $arg }"
usage-invalid-value = "{ $value }" is not a valid value for { $arg }
usage-missing = something is missing: { $arg }
usage-other = the command line is not valid
usage-hint = Run `kiosk-consent --help` to see the commands and options.
categories-above = ↑ { $count } more
categories-below = ↓ { $count } more
usage-dialog-option = --kiosk, --theme, --plain, --no-mouse, --idle-timeout, --no-log and --speech are options of the dialog (run), not of this command

## kiosk-consent doctor

doctor-ok = [ok]
doctor-warning = [warning]
doctor-problem = [problem]
doctor-summary = { $problems ->
        [0] No problem.
        [one] 1 problem to fix.
       *[other] { $problems } problems to fix.
    }
doctor-as-root = run as root: every file looks writable; run "sudo -u kiosk kiosk-consent doctor" to see what the kiosk account can do.
doctor-policy-embedded = no operator policy (KIOSK_CONSENT_POLICY or --policy): the embedded default policy is used.
doctor-policy-ok = the policy { $path } is valid.
doctor-policy-broken = the policy { $path } has { $count } problem(s): run "kiosk-consent --policy { $path } check".
doctor-policy-writable = the kiosk account can change { $path }: what visitors are told could be changed. Give the policy folder to root (docs/kiosk.md, step 2).
doctor-browser-policy-missing = the browser policy file { $path } does not exist and cannot be created: the launcher cannot enforce the decision.
doctor-browser-policy-not-writable = the kiosk account cannot rewrite { $path }: the launcher cannot enforce the decision.
doctor-browser-policy-folder-writable = the kiosk account can write into the folder { $path }: it could add browser policies of its own. Give the folder to root and one file to the account (docs/kiosk.md, step 3).
doctor-browser-policy-ok = the launcher can rewrite { $path } (the kiosk account can put any browser policy key in it: that is the line of trust, see docs/kiosk.md).
doctor-browser-ok = browser found: { $path }.
doctor-browser-missing = the browser "{ $browser }" is not found (KIOSK_BROWSER, PATH).
doctor-banner-ok = the site's own banner ({ $manager }) is answered in each visitor's fresh profile (sqlite3: { $path }).
doctor-banner-no-sqlite = the policy answers the site's own banner ({ $manager }), but sqlite3 is not found: the site's banner will ask visitors again. Install it: apt-get install sqlite3.
doctor-pin-system = operator PIN: { $path } (the kiosk account cannot change it).
doctor-pin-system-writable = the kiosk account can change { $path } or its folder: give them to root.
doctor-pin-unreadable = the kiosk account cannot read { $path }: no PIN will leave kiosk mode.
doctor-pin-own = operator PIN: { $path }, which the kiosk account can read and replace; prefer "sudo kiosk-consent operator set-pin --system".
doctor-pin-none = no operator PIN: Ctrl+Alt+Q leaves kiosk mode without asking anything. Run "sudo kiosk-consent operator set-pin --system".
doctor-consent-no-folder = no folder for the consent file (no --consent-file, KIOSK_CONSENT_FILE or home folder).
doctor-consent-folder-later = the consent folder { $path } is created at the first decision.
doctor-consent-folder-ok = consent folder: { $path }.
doctor-consent-folder-not-writable = the kiosk account cannot write into { $path }: no decision can be saved.
doctor-consent-folder-world-writable = anyone can write into { $path }: any account could put a false decision there.
doctor-consent-folder-private = the consent folder { $path } (mode { $mode }) is not readable by other accounts: a launcher running as another account cannot read it.

## --help (kiosk-consent --help, kiosk-consent help COMMAND)

help-usage = Usage:
help-commands = Commands
help-options = Options
help-arguments = Arguments
help-about = Asks a kiosk visitor which cookies they accept, before the browser opens
help-long-about = Shows a site's cookie charter in the terminal, lets the visitor accept all, refuse all or choose category by category, and writes the decision to a JSON file that the kiosk's browser launcher reads.
help-exit-codes-run = Exit codes of the dialog: 0 decision saved, 1 error, 2 usage, 3 left without deciding (never in kiosk mode), 4 the operator left kiosk mode.
help-exit-codes-get = get: 0 granted, 1 not (refused, no valid consent), 2 unknown category.
help-exit-codes-other = show, export, check, doctor, log verify: 0 yes, 1 no.
help-arg-help = Print this help
help-arg-version = Print the version (and the consent file format)
help-run = Run the consent dialog (the default)
help-get = Exit 0 if CATEGORY is granted by a valid consent, 1 otherwise
help-show = Print the current decision in words
help-export = Print the decision for a launcher (json, env, chromium, firefox)
help-check = Validate the policy directory and its translations
help-site = Print the address the kiosk's browser opens: the policy's site
help-doctor = Check this kiosk's setup (run it as the kiosk account): the policy folder, the browser policy file, the browser, the PIN, the consent folder
help-path = Print the consent file's path
help-reset = Remove the decision, for the next visitor
help-log = The proof-of-consent log
help-log-verify = Check the log's hash chain: exit 0 if intact, 1 if broken (says where)
help-operator = Operator settings of kiosk mode
help-operator-set-pin = Set the PIN asked after the exit chord in kiosk mode (read twice from the terminal, or once from standard input); only a salted Argon2 hash is stored
help-operator-clear-pin = Remove the PIN: the exit chord then leaves at once (unless another PIN is set)
help-help = Print this help, or the help of the given command
help-arg-policy = Operator policy directory (policy.toml, charter/, locales/) [env: KIOSK_CONSENT_POLICY]; default: the embedded policy
help-arg-consent-file = Where the decision is written and read [env: KIOSK_CONSENT_FILE]; default: consent.json in the user data folder
help-arg-lang = Language of the dialog and charter (BCP 47, e.g. fr-FR, en); default: from LC_ALL, LC_MESSAGES, LANG
help-arg-theme = Colours: default, high-contrast, or mono (no colour; also chosen by NO_COLOR)
help-arg-plain = Plain layout for screen readers and braille displays: one column, no boxes, no decoration, every control on its own line starting with its words
help-arg-no-mouse = Do not capture the mouse (keeps the terminal's own text selection)
help-arg-kiosk = Kiosk mode: the visitor cannot leave without deciding; the operator leaves with Ctrl+Alt+Q (then the PIN, when one is set)
help-arg-idle-timeout = Back to the welcome screen, dropping unsaved choices, after SECS seconds without input (default 120 in kiosk mode, never otherwise; 0 = never)
help-arg-no-log = Do not append the decision to the proof-of-consent log
help-arg-category = A category id of the policy (e.g. statistics)
help-arg-format = json (the consent file, normalized), env (shell variables), chromium or firefox (enforced browser policies)
help-arg-system = The system's PIN, in /etc/kiosk-consent (run as root): the kiosk account can read it but not change it, and it wins over its own
help-arg-commands = A command (and its sub-command), e.g. export or log verify

## Man pages (man kiosk-consent)

man-name = NAME
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-options = OPTIONS
man-subcommands = COMMANDS
man-version = VERSION
man-exit-status = EXIT STATUS
man-environment = ENVIRONMENT
man-files = FILES
man-examples = EXAMPLES
man-see-also = SEE ALSO
man-env-policy = The operator's policy folder, as --policy.
man-env-file = The consent file, as --consent-file.
man-env-lang = The language, when --lang is not given (matched against the policy's languages).
man-env-no-color = Any non-empty value: no colour (the mono theme, unless --theme).
man-env-system-dir = Another folder than /etc/kiosk-consent for the system's PIN (for tests).
man-env-syslog = The system log's socket (default /dev/log); empty: nothing is sent.
man-file-consent = The visitor's decision (format kiosk-consent/v1), written atomically.
man-file-log = The proof-of-consent log, chained by SHA-256 (kiosk-consent log verify).
man-file-system-pin = The operator's PIN installed by root (operator set-pin --system); it wins.
man-file-own-pin = The kiosk account's PIN, as a fallback; operator-pin.lockout beside it counts wrong PINs.
man-file-policy = The default policy, to copy as a starting point.
man-file-doc = The guides: setting up a kiosk, writing a policy, accessibility, reliability.
man-example-kiosk = The dialog in kiosk mode (as kiosk-session runs it).
man-example-get = Do something only if statistics are granted.
man-example-env = The decision as shell variables (KIOSK_CONSENT_STATISTICS=0…).
man-example-check = Check a policy before installing it.
man-example-doctor = Check the kiosk's setup, as its account.

## Kiosk mode: before the idle timeout drops a visitor's choices
idle-warning-title = Are you still there?
idle-warning = Unless you press a key, your choices will be cleared in { $seconds } seconds, and the dialog will start again for the next visitor. Press any key to go on.

## The built-in voice (speech-dispatcher): what it says, and its keys. A policy can override
## each of these messages, as any other.
help-arg-speech = The built-in voice (speech-dispatcher): on (from the start), off (no voice) or offer (offered aloud at the start of each visit; F4 turns it on); default offer in kiosk mode, off otherwise
speech-offer = To hear this dialog read aloud, press the F4 key, at the top of the keyboard.
speech-on = Voice on. F5 repeats, F6 tells more, F7 pauses, F8 and F9 change the speed, F10 and F11 the volume, F4 turns the voice off.
speech-off = Voice off. F4 turns it back on.
speech-welcome-hint = Tab moves from one button to the next, Enter presses the button.
speech-choose = { $count ->
        [one] One category.
       *[other] { $count } categories.
    } The arrow keys move from one to the next, Space ticks or unticks, F6 describes the category and its cookies, Tab goes to the buttons.
speech-charter-hint = Down arrow: next paragraph; up arrow: previous paragraph; F5: repeat; Escape: back.
speech-charter-end = End of the charter. Escape to go back.
speech-checkbox = { $name }, check box, { $state }, { $position } of { $total }
speech-checkbox-fixed = { $name }, always on, cannot be unticked, { $position } of { $total }
speech-button = { $label }, button, key { $key }, { $position } of { $total }
speech-button-no-key = { $label }, button, { $position } of { $total }
speech-details = { $name }: { $description }
speech-cookies = { $count ->
        [0] No cookie in this category.
        [one] One cookie:
       *[other] { $count } cookies:
    }
speech-cookie = { $name }, from { $provider }, for { $service }: { $purpose }
speech-star = star
speech-erased = erased
speech-rate = Speed { $value }
speech-volume = Volume { $value }
speech-plain-on = Plain layout.
speech-plain-off = Normal layout.
speech-offer-footer = F4: voice
speech-unavailable = Voice unavailable
key-voice = F4
key-repeat = F5
key-details = F6
key-pause = F7
key-rate = F8 / F9
key-volume = F10 / F11
action-voice-on = have the dialog read aloud
action-voice-off = turn the voice off
action-repeat = repeat what the voice just said
action-details = tell more about the control: the category's description and its cookies
action-pause = pause the voice, or go on
action-rate = speak slower / faster
action-volume = speak softer / louder
speech-no-voice = No voice on this kiosk speaks { $language }: the voice reads in { $fallback }.
