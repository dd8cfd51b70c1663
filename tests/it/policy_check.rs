//! Every problem `check` reports, with its exact file, line and column: one small valid policy,
//! one change per case.

use std::fs;
use std::path::Path;
use std::process::Command;

use kiosk_consent::policy::{self, Origin, ProblemKind};

const POLICY: &str = r#"id = "t"
version = "1"
site = "https://example.org"
default_locale = "fr-FR"
consent_days = 30

[[categories]]
id = "necessary"
required = true

[[categories]]
id = "stats"
default = false

[[cookies]]
id = "sid"
name = "sid"
category = "necessary"
provider = "Me"
domains = ["example.org"]
"#;

const FTL: &str = "category-necessary = Nécessaires
    .description = D.
category-stats = Stats
    .description = D.
cookie-sid-service = S
cookie-sid-purpose = P
";

/// Writes the valid policy into `dir`, then lets `edit` break it.
pub fn write(dir: &Path, edit: &dyn Fn(&Path)) {
    fs::create_dir_all(dir.join("charter")).unwrap();
    fs::create_dir_all(dir.join("locales/fr-FR")).unwrap();
    fs::write(dir.join("policy.toml"), POLICY).unwrap();
    fs::write(dir.join("charter/fr-FR.md"), "# C\n").unwrap();
    fs::write(dir.join("locales/fr-FR/policy.ftl"), FTL).unwrap();
    edit(dir);
}

/// The problems of the edited policy as (file relative to the folder, line, col, kind).
fn problems(edit: &dyn Fn(&Path)) -> Vec<(String, usize, usize, ProblemKind)> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), edit);
    match policy::load(&Origin::Dir(dir.path().to_owned())) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .map(|p| {
                let rel = Path::new(&p.file)
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string();
                (rel, p.line, p.col, p.kind)
            })
            .collect(),
    }
}

/// `policy.toml` with line `n` (1-based) replaced by `with` (several lines allowed, or none).
fn toml_line(n: usize, with: &str) -> impl Fn(&Path) + use<> {
    let with = with.to_owned();
    move |dir: &Path| {
        let mut lines: Vec<String> = POLICY.lines().map(str::to_owned).collect();
        lines[n - 1] = with.clone();
        let text = lines.join("\n").replace("\n\n\n", "\n\n");
        fs::write(dir.join("policy.toml"), text).unwrap();
    }
}

fn ftl(text: &'static str) -> impl Fn(&Path) {
    move |dir: &Path| fs::write(dir.join("locales/fr-FR/policy.ftl"), text).unwrap()
}

/// A way to break the base policy, the one problem `check` must then find there, and what
/// the program says of it in French: one table for the library
/// (`each_problem_is_found_at_its_place`) and for the command (`cli::check`).
pub struct Case {
    pub name: &'static str,
    pub edit: Box<dyn Fn(&Path)>,
    /// File relative to the policy folder, line, column, kind.
    pub problem: (String, usize, usize, ProblemKind),
    pub says: &'static str,
}

fn s(v: &str) -> String {
    v.to_owned()
}

#[test]
fn the_base_policy_is_valid() {
    assert_eq!(problems(&|_| {}), []);
}

/// Every problem `check` reports, each made alone in the base policy.
pub fn cases() -> Vec<Case> {
    use ProblemKind::*;
    let toml = || s("policy.toml");
    vec![
        Case {
            name: "unknown key (a typo)",
            edit: Box::new(toml_line(9, "requierd = true")),
            problem: (toml(), 9, 1, UnknownKey { key: s("requierd") }),
            says: "clé inconnue « requierd »",
        },
        Case {
            name: "missing key",
            edit: Box::new(toml_line(2, "")),
            problem: (toml(), 1, 1, MissingKey { key: s("version") }),
            says: "clé manquante « version »",
        },
        Case {
            name: "wrong type",
            edit: Box::new(toml_line(5, "consent_days = \"30\"")),
            problem: (
                toml(),
                5,
                16,
                WrongType {
                    key: s("consent_days"),
                    expected: kiosk_consent::policy::ValueType::Integer,
                },
            ),
            says: "« consent_days » doit être un nombre entier",
        },
        Case {
            name: "category id breaking the pattern",
            edit: Box::new(toml_line(12, "id = \"Stats\"")),
            problem: (
                toml(),
                12,
                6,
                BadId {
                    id: s("Stats"),
                    pattern: "[a-z][a-z0-9-]*",
                },
            ),
            says: "« Stats » n'est pas un identifiant valable (attendu : [a-z][a-z0-9-]*)",
        },
        Case {
            name: "policy id breaking the pattern",
            edit: Box::new(toml_line(1, "id = \"my site\"")),
            problem: (
                toml(),
                1,
                6,
                BadId {
                    id: s("my site"),
                    pattern: "[a-z0-9-]+",
                },
            ),
            says: "« my site » n'est pas un identifiant valable (attendu : [a-z0-9-]+)",
        },
        Case {
            name: "duplicate category id",
            edit: Box::new(toml_line(12, "id = \"necessary\"")),
            problem: (toml(), 12, 6, DuplicateId { id: s("necessary") }),
            says: "l'identifiant « necessary » est utilisé deux fois",
        },
        Case {
            name: "duplicate cookie id",
            edit: Box::new(toml_line(
                20,
                "domains = [\"example.org\"]\n\n[[cookies]]\nid = \"sid\"\nname = \"sid2\"\ncategory = \"necessary\"\nprovider = \"Me\"\ndomains = [\"example.org\"]",
            )),
            problem: (toml(), 23, 6, DuplicateId { id: s("sid") }),
            says: "l'identifiant « sid » est utilisé deux fois",
        },
        Case {
            name: "cookie in an unknown category",
            edit: Box::new(toml_line(18, "category = \"nope\"")),
            problem: (toml(), 18, 12, UnknownCategory { id: s("nope") }),
            says: "catégorie inconnue « nope »",
        },
        Case {
            name: "required category with a default",
            edit: Box::new(toml_line(9, "required = true\ndefault = true")),
            problem: (toml(), 10, 11, RequiredWithDefault { id: s("necessary") }),
            says: "la catégorie obligatoire « necessary » ne peut pas avoir de valeur par défaut : elle est toujours active",
        },
        Case {
            name: "consent_days of 0",
            edit: Box::new(toml_line(5, "consent_days = 0")),
            problem: (toml(), 5, 16, ConsentDaysRange { value: s("0") }),
            says: "consent_days doit être entre 1 et 395 (13 mois), pas 0",
        },
        Case {
            name: "consent_days over 13 months",
            edit: Box::new(toml_line(5, "consent_days = 396")),
            problem: (toml(), 5, 16, ConsentDaysRange { value: s("396") }),
            says: "consent_days doit être entre 1 et 395 (13 mois), pas 396",
        },
        Case {
            name: "a voice rate out of range",
            edit: Box::new(toml_line(6, "[speech]\nvolume = 80\nrate = 150\n")),
            problem: (
                toml(),
                8,
                8,
                SpeechRange {
                    key: s("rate"),
                    value: s("150"),
                },
            ),
            says: "« rate » doit être un nombre entre -100 et 100, pas 150",
        },
        Case {
            name: "a voice volume below the range",
            edit: Box::new(toml_line(6, "[speech]\nvolume = -101\n")),
            problem: (
                toml(),
                7,
                10,
                SpeechRange {
                    key: s("volume"),
                    value: s("-101"),
                },
            ),
            says: "« volume » doit être un nombre entre -100 et 100, pas -101",
        },
        Case {
            name: "a voice setting that does not exist",
            edit: Box::new(toml_line(6, "[speech]\npitch = 10\n")),
            problem: (toml(), 7, 1, UnknownKey { key: s("pitch") }),
            says: "clé inconnue « pitch »",
        },
        Case {
            name: "speech that is not a table",
            edit: Box::new(toml_line(6, "speech = \"on\"\n")),
            problem: (
                toml(),
                6,
                10,
                WrongType {
                    key: s("speech"),
                    expected: kiosk_consent::policy::ValueType::Table,
                },
            ),
            says: "« speech » doit être une table ([…])",
        },
        Case {
            name: "site that is not http(s)",
            edit: Box::new(toml_line(3, "site = \"ftp://example.org\"")),
            problem: (
                toml(),
                3,
                8,
                BadSite {
                    value: s("ftp://example.org"),
                },
            ),
            says: "site doit être une adresse http:// ou https://, pas « ftp://example.org »",
        },
        Case {
            name: "domain that is not a host",
            edit: Box::new(toml_line(20, "domains = [\"example.org\", \"exa mple\"]")),
            problem: (
                toml(),
                20,
                27,
                BadDomain {
                    value: s("exa mple"),
                },
            ),
            says: "« exa mple » n'est pas un hôte qu'un navigateur reconnaît (un nom comme exemple.fr, ou une adresse IPv4 comme 192.0.2.1)",
        },
        Case {
            name: "default locale without a charter",
            edit: Box::new(toml_line(4, "default_locale = \"de-DE\"")),
            problem: (
                toml(),
                4,
                18,
                DefaultLocaleWithoutCharter { locale: s("de-DE") },
            ),
            says: "la langue par défaut de-DE n'a pas de charte (charter/de-DE.md)",
        },
        Case {
            name: "a charter without messages",
            edit: Box::new(|dir: &Path| fs::write(dir.join("charter/en-US.md"), "# C").unwrap()),
            problem: (
                s("charter/en-US.md"),
                1,
                1,
                CharterWithoutMessages { locale: s("en-US") },
            ),
            says: "la langue en-US a une charte mais pas de locales/en-US/policy.ftl",
        },
        Case {
            name: "messages without a charter",
            edit: Box::new(|dir: &Path| {
                fs::create_dir_all(dir.join("locales/en-US")).unwrap();
                fs::write(dir.join("locales/en-US/policy.ftl"), FTL).unwrap();
            }),
            problem: (
                s("locales/en-US/policy.ftl"),
                1,
                1,
                MessagesWithoutCharter { locale: s("en-US") },
            ),
            says: "la langue en-US a des messages mais pas de charter/en-US.md",
        },
        Case {
            name: "missing message",
            edit: Box::new(ftl(
                "category-necessary = N\n    .description = D.\ncategory-stats = S\n    .description = D.\ncookie-sid-service = S\n",
            )),
            problem: (
                s("locales/fr-FR/policy.ftl"),
                6,
                1,
                MissingMessage {
                    id: s("cookie-sid-purpose"),
                },
            ),
            says: "message manquant « cookie-sid-purpose »",
        },
        Case {
            name: "missing description",
            edit: Box::new(ftl(
                "category-necessary = N\n    .description = D.\ncategory-stats = S\ncookie-sid-service = S\ncookie-sid-purpose = P\n",
            )),
            problem: (
                s("locales/fr-FR/policy.ftl"),
                3,
                1,
                MissingAttribute {
                    id: s("category-stats"),
                    attribute: s("description"),
                },
            ),
            says: "le message « category-stats » n'a pas d'attribut .description",
        },
        Case {
            name: "extra message",
            edit: Box::new(ftl(
                "category-necessary = N\n    .description = D.\ncategory-stats = S\n    .description = D.\ncookie-sid-service = S\ncookie-sid-purpose = P\ncookie-old-service = X\n",
            )),
            problem: (
                s("locales/fr-FR/policy.ftl"),
                7,
                1,
                ExtraMessage {
                    id: s("cookie-old-service"),
                },
            ),
            says: "message inattendu « cookie-old-service » (ni catégorie, ni cookie, ni message de l'interface)",
        },
        Case {
            name: "Fluent syntax error",
            edit: Box::new(ftl(
                "category-necessary = N\n    .description = D.\ncategory-stats = S\n    .description = D.\ncookie-sid-service = S\ncookie-sid-purpose = P\nnote = { \n",
            )),
            problem: (
                s("locales/fr-FR/policy.ftl"),
                7,
                8,
                FluentSyntax {
                    error: kiosk_consent::policy::FluentError::Brace,
                },
            ),
            says: "erreur de syntaxe Fluent : une accolade « { » ouvre une expression, comme « { $name } » ; pour écrire l'accolade elle-même, mettez « {\"{\"} »",
        },
        Case {
            name: "charter that is not UTF-8",
            edit: Box::new(|dir: &Path| {
                fs::write(dir.join("charter/fr-FR.md"), b"# C\nab\xff").unwrap()
            }),
            problem: (s("charter/fr-FR.md"), 2, 3, NotUtf8),
            says: "ce fichier n'est pas du texte UTF-8 valable",
        },
        Case {
            name: "no category at all",
            edit: Box::new(|dir: &Path| {
                let text = POLICY.split("[[categories]]").next().unwrap().to_owned();
                fs::write(dir.join("policy.toml"), text).unwrap();
                let ftl = "# no messages needed\n";
                fs::write(dir.join("locales/fr-FR/policy.ftl"), ftl).unwrap();
            }),
            problem: (toml(), 1, 1, NoCategories),
            says: "la politique ne déclare aucune catégorie ([[categories]])",
        },
        Case {
            name: "policy.toml that is not UTF-8",
            edit: Box::new(|dir: &Path| {
                let path = dir.join("policy.toml");
                let mut bytes = b"# \xff\n".to_vec();
                bytes.extend(fs::read(&path).unwrap());
                fs::write(&path, bytes).unwrap();
            }),
            problem: (toml(), 1, 3, NotUtf8),
            says: "ce fichier n'est pas du texte UTF-8 valable",
        },
        Case {
            name: "a consent manager kiosk-consent does not know",
            edit: Box::new(toml_line(6, "[site_banner]\nmanager = \"didomi\"\n")),
            problem: (toml(), 7, 11, BannerManager { value: s("didomi") }),
            says: "gestionnaire de consentement inconnu « didomi » : kiosk-consent connaît \
                   tarteaucitron, klaro, cookieconsent, cookie",
        },
        Case {
            name: "a banner service that follows no category of the policy",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\n[site_banner.services]\nmatomo = \"statistics\"\n",
            )),
            problem: (
                toml(),
                9,
                10,
                UnknownCategory {
                    id: s("statistics"),
                },
            ),
            says: "catégorie inconnue « statistics »",
        },
        Case {
            name: "a banner without services",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"tarteaucitron\"\n[site_banner.services]\n",
            )),
            problem: (toml(), 8, 1, BannerNoServices),
            says: "[site_banner.services] est vide : donnez chaque service du gestionnaire et \
                   la catégorie qu'il suit",
        },
        Case {
            name: "tarteaucitron services whose names end one another",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"tarteaucitron\"\n[site_banner.services]\n\
                 ga = \"stats\"\nyga = \"stats\"\n",
            )),
            problem: (
                toml(),
                10,
                1,
                BannerAmbiguous {
                    name: s("yga"),
                    other: s("ga"),
                },
            ),
            says: "le service « yga » se termine par le nom du service « ga » : tarteaucitron \
                   lirait la réponse de l'un pour l'autre",
        },
        Case {
            name: "a cookieconsent service whose category is not listed",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"cookieconsent\"\n[site_banner.services]\n\
                 necessary = \"necessary\"\n\"analytics.ga\" = \"stats\"\n",
            )),
            problem: (
                toml(),
                10,
                1,
                BannerServiceGroup {
                    name: s("analytics.ga"),
                    group: s("analytics"),
                },
            ),
            says: "le service « analytics.ga » appartient à la catégorie « analytics », absente \
                   de [site_banner.services]",
        },
        Case {
            name: "a banner key the manager does not take",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\nrevision = 2\n[site_banner.services]\n\
                 matomo = \"stats\"\n",
            )),
            problem: (
                toml(),
                8,
                1,
                BannerKeyNotFor {
                    key: s("revision"),
                    manager: s("klaro"),
                },
            ),
            says: "le gestionnaire de consentement klaro ne prend pas de clé « revision »",
        },
        Case {
            name: "a banner cookie the site cannot set",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\ndomain = \"other.org\"\n\
                 [site_banner.services]\nmatomo = \"stats\"\n",
            )),
            problem: (
                toml(),
                8,
                10,
                BannerDomain {
                    value: s("other.org"),
                    site: s("example.org"),
                },
            ),
            says: "le site ne peut pas poser de cookie pour « other.org » : donnez son propre \
                   hôte example.org ou un domaine au-dessus",
        },
        Case {
            name: "a banner cookie name that is not a cookie name",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\ncookie = \"my consent\"\n\
                 [site_banner.services]\nmatomo = \"stats\"\n",
            )),
            problem: (
                toml(),
                8,
                10,
                BadValue {
                    key: s("cookie"),
                    value: s("my consent"),
                    pattern: "letters, digits and !#$%&'*+-.^_`|~",
                },
            ),
            says: "« my consent » ne peut pas être la valeur de cookie (attendu : letters, \
                   digits and !#$%&'*+-.^_`|~)",
        },
        Case {
            name: "a generic banner cookie without its value",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\n",
            )),
            problem: (toml(), 6, 1, MissingKey { key: s("value") }),
            says: "clé manquante « value »",
        },
        Case {
            name: "a generic banner value with an unknown placeholder",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\n\
                 value = \"s:{stats}|a:{ads}\"\n",
            )),
            problem: (toml(), 9, 22, BannerPlaceholder { name: s("ads") }),
            says: "emplacement inconnu {ads} : un identifiant de catégorie, timestamp ou \
                   timestamp_ms",
        },
        Case {
            name: "a banner cookie name with an invisible character",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\ncookie = \"kl\u{200b}aro\"\n\
                 [site_banner.services]\nmatomo = \"stats\"\n",
            )),
            problem: (
                toml(),
                8,
                10,
                BadValue {
                    key: s("cookie"),
                    value: s("kl\\u{200b}aro"),
                    pattern: "letters, digits and !#$%&'*+-.^_`|~",
                },
            ),
            says: "« kl\\u{200b}aro » ne peut pas être la valeur de cookie (attendu : letters, \
                   digits and !#$%&'*+-.^_`|~)",
        },
        Case {
            name: "a __Host- banner cookie given a domain",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"klaro\"\ncookie = \"__Host-klaro\"\n\
                 domain = \"example.org\"\n[site_banner.services]\nmatomo = \"stats\"\n",
            )),
            problem: (
                toml(),
                8,
                10,
                BadValue {
                    key: s("cookie"),
                    value: s("__Host-klaro"),
                    pattern: "__Secure- and __Host- cookies need an https site; __Host-, no \
                              domain and the path /",
                },
            ),
            says: "« __Host-klaro » ne peut pas être la valeur de cookie (attendu : __Secure- \
                   and __Host- cookies need an https site; __Host-, no domain and the path /)",
        },
        Case {
            name: "a generic banner value with a brace never closed",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\nvalue = \"s:{stats\"\n",
            )),
            problem: (toml(), 9, 12, BannerBrace),
            says: "une { jamais fermée : écrivez {catégorie} ou {timestamp}",
        },
        Case {
            name: "a generic banner value with a character no cookie holds",
            edit: Box::new(toml_line(
                6,
                "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\nvalue = \"a={stats};b\"\n",
            )),
            problem: (
                toml(),
                9,
                19,
                BadValue {
                    key: s("value"),
                    value: s(";"),
                    pattern: "visible ASCII except \" , ; \\ and spaces",
                },
            ),
            says: "« ; » ne peut pas être la valeur de value (attendu : visible ASCII except \" \
                   , ; \\ and spaces)",
        },
    ]
}

#[test]
fn each_problem_is_found_at_its_place() {
    for case in cases() {
        assert_eq!(problems(&*case.edit), [case.problem], "{}", case.name);
    }
}

#[test]
fn shortcut_letters_must_be_usable_and_distinct() {
    let found = problems(&|dir: &Path| {
        let ui = "# overrides\nchoose-key = r\nread-charter-key = jj\n";
        fs::write(dir.join("locales/fr-FR/ui.ftl"), ui).unwrap();
    });
    let ui = s("locales/fr-FR/ui.ftl");
    assert_eq!(
        found,
        [
            (
                ui.clone(),
                2,
                1,
                ProblemKind::ShortcutConflict {
                    id: s("choose-key"),
                    other: s("refuse-all-key"),
                    value: s("r"),
                }
            ),
            (
                ui,
                3,
                1,
                ProblemKind::BadShortcut {
                    id: s("read-charter-key"),
                    value: s("jj")
                }
            ),
        ]
    );
    let found = problems(&|dir: &Path| {
        fs::write(dir.join("locales/fr-FR/ui.ftl"), "save-choices-key = k\n").unwrap();
    });
    assert!(
        matches!(&found[..], [(_, 1, 1, ProblemKind::BadShortcut { .. })]),
        "{found:?}"
    );
}

#[test]
fn unknown_messages_in_ui_files_are_typos() {
    let found = problems(&|dir: &Path| {
        fs::write(
            dir.join("locales/fr-FR/ui.ftl"),
            "accept-all = Oui\nacept-all = Oui\n",
        )
        .unwrap();
    });
    assert_eq!(
        found,
        [(
            s("locales/fr-FR/ui.ftl"),
            2,
            1,
            ProblemKind::ExtraMessage { id: s("acept-all") }
        )]
    );
}

#[test]
fn one_run_reports_toml_and_fluent_problems_together() {
    let found = problems(&|dir: &Path| {
        toml_line(5, "consent_days = 400")(dir);
        fs::write(
            dir.join("locales/fr-FR/policy.ftl"),
            FTL.replace("cookie-sid-purpose", "cookie-sid-purpos"),
        )
        .unwrap();
    });
    let kinds: Vec<_> = found
        .iter()
        .map(|(f, l, _, k)| (f.as_str(), *l, std::mem::discriminant(k)))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "policy.toml",
                5,
                std::mem::discriminant(&ProblemKind::ConsentDaysRange { value: s("") })
            ),
            (
                "locales/fr-FR/policy.ftl",
                7,
                std::mem::discriminant(&ProblemKind::MissingMessage { id: s("") })
            ),
        ],
        "{found:?}"
    );
}

#[test]
fn a_fluent_error_at_a_line_end_is_on_that_line() {
    let found = problems(&ftl(
        "category-necessary = N\n    .description = D.\ncategory-stats = S\n    .description = D.\ncookie-sid-service = a { b\ncookie-sid-purpose = P\n",
    ));
    let syntax: Vec<_> = found
        .iter()
        .filter(|(_, _, _, k)| matches!(k, ProblemKind::FluentSyntax { .. }))
        .map(|(_, line, _, _)| *line)
        .collect();
    assert_eq!(syntax, [5], "{found:?}");
}

#[test]
fn syntax_errors_are_located() {
    let found = problems(&toml_line(5, "consent_days = = 30"));
    assert_eq!(found.len(), 1, "{found:?}");
    let (file, line, col, kind) = &found[0];
    assert_eq!((file.as_str(), *line, *col), ("policy.toml", 5, 16));
    assert!(matches!(kind, ProblemKind::TomlSyntax { .. }), "{kind:?}");

    let found = problems(&ftl(
        "category-necessary = N\n    .description = D.\nbroken = {\n",
    ));
    let syntax: Vec<_> = found
        .iter()
        .filter(|(_, _, _, k)| matches!(k, ProblemKind::FluentSyntax { .. }))
        .collect();
    assert_eq!(syntax.len(), 1, "{found:?}");
    assert_eq!(
        (syntax[0].0.as_str(), syntax[0].1),
        ("locales/fr-FR/policy.ftl", 3)
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = problems(&|dir: &Path| {
        let text = POLICY
            .replace("requierd", "x")
            .replace("required = true", "requierd = true")
            .replace("consent_days = 30", "consent_days = 0")
            .replace("category = \"necessary\"", "category = \"nope\"");
        fs::write(dir.join("policy.toml"), text).unwrap();
    });
    let kinds: Vec<_> = found.iter().map(|(_, line, _, _)| *line).collect();
    assert_eq!(kinds, [5, 9, 18], "{found:?}");
}

#[test]
fn the_digest_changes_with_any_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &|_| {});
    let origin = Origin::Dir(dir.path().to_owned());
    let first = policy::load(&origin).unwrap().digest;
    assert_eq!(policy::load(&origin).unwrap().digest, first);
    fs::write(dir.path().join("charter/fr-FR.md"), "# C.\n").unwrap();
    let second = policy::load(&origin).unwrap().digest;
    assert_ne!(second, first);
    fs::write(
        dir.path().join("locales/fr-FR/policy.ftl"),
        format!("{FTL}# comment\n"),
    )
    .unwrap();
    assert_ne!(policy::load(&origin).unwrap().digest, second);
}

#[test]
fn the_embedded_policy_and_the_example_are_valid() {
    let embedded = policy::load(&Origin::Embedded).expect("embedded policy is valid");
    assert_eq!(embedded.categories.len(), 4);
    assert_eq!(embedded.cookies.len(), 4);
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let from_dir = policy::load(&Origin::Dir(assets)).expect("assets/ is a valid policy folder");
    // The embedded copy is exactly the assets folder.
    assert_eq!(from_dir.digest, embedded.digest);
}

/// The shipped charter says how long a choice holds with the same number as the policy's
/// `consent_days`, and never that the optional categories hold cookies it does not list.
#[test]
fn the_default_charter_agrees_with_the_default_policy() {
    let policy = kiosk_consent::policy::Policy::embedded().unwrap();
    let days = policy.consent_days.to_string();
    for locale in &policy.locales {
        let charter = &locale.charter;
        let unit = if locale.langid.language.as_str() == "fr" {
            "jours"
        } else {
            "days"
        };
        assert!(
            charter.contains(&format!("{days} {unit}")),
            "{}: the charter gives consent_days ({days}):\n{charter}",
            locale.langid
        );
        for stale in [
            "6 mois",
            "6 months",
            "contain no cookie",
            "ne contiennent aucun",
        ] {
            assert!(!charter.contains(stale), "{}: {stale:?}", locale.langid);
        }
    }
}

/// The cookie's domains are on line 20 of the base policy.
fn domains(value: &str) -> impl Fn(&Path) + use<> {
    toml_line(20, &format!("domains = {value}"))
}

#[test]
fn odd_hosts_are_refused_where_they_are_written() {
    use ProblemKind::*;
    let toml = || s("policy.toml");
    for bad in [
        "1.2.3",
        "256.1.1.1",
        "com",
        "a_b.example.org",
        "-x.example.org",
    ] {
        assert_eq!(
            problems(&domains(&format!("[\"{bad}\"]"))),
            [(toml(), 20, 12, BadDomain { value: s(bad) })],
            "{bad}"
        );
    }
    assert_eq!(problems(&domains("[]")), [(toml(), 20, 11, NoDomains)]);
    // Capitals, a trailing dot and IDN are fine: they are normalized.
    assert_eq!(
        problems(&domains("[\"EXAMPLE.ORG.\", \"bücher.example\"]")),
        []
    );
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &domains("[\"Stats.EXAMPLE.org.\", \"bücher.example\"]"),
    );
    let p = policy::load(&Origin::Dir(dir.path().to_owned())).unwrap();
    assert_eq!(
        p.cookies[0].domains,
        ["stats.example.org", "xn--bcher-kva.example"]
    );
    // A site that is no single http(s) address of a host.
    for site in [
        "https://1.2.3",
        "ftp://example.org",
        "https://example.org/a b",
        "https://example.org:0/",
        "https://example.org:99999/",
    ] {
        assert_eq!(
            problems(&toml_line(3, &format!("site = \"{site}\""))),
            [(toml(), 3, 8, BadSite { value: s(site) })],
            "{site}"
        );
    }
}

#[test]
fn a_category_whose_env_variable_is_taken_is_refused() {
    let problems = problems(&toml_line(12, "id = \"valid\""));
    assert!(
        problems.iter().any(|(f, line, _, kind)| f == "policy.toml"
            && *line == 12
            && *kind
                == ProblemKind::EnvCollision {
                    id: s("valid"),
                    variable: s("KIOSK_CONSENT_VALID")
                }),
        "{problems:?}"
    );
}

#[test]
fn limits_are_enforced_at_the_first_entry_too_many() {
    let many = |n: usize| {
        move |dir: &Path| {
            let mut text = POLICY.to_owned();
            for i in 0..n {
                text.push_str(&format!("\n[[categories]]\nid = \"extra{i}\"\n"));
            }
            fs::write(dir.join("policy.toml"), text).unwrap();
        }
    };
    let found = problems(&many(kiosk_consent::policy::MAX_CATEGORIES));
    let too_many: Vec<_> = found
        .iter()
        .filter(|(_, _, _, k)| matches!(k, ProblemKind::TooMany { .. }))
        .collect();
    assert_eq!(too_many.len(), 1, "{found:?}");
    let (file, line, _, kind) = too_many[0];
    assert_eq!(file, "policy.toml");
    // The base policy has 2 categories: the 65th is extra62, three lines per extra.
    let base_lines = POLICY.lines().count() + 1;
    let first_extra = base_lines + 1;
    let expected_line = first_extra + 3 * (kiosk_consent::policy::MAX_CATEGORIES - 2);
    assert_eq!(*line, expected_line);
    assert_eq!(
        *kind,
        ProblemKind::TooMany {
            key: s("categories"),
            max: kiosk_consent::policy::MAX_CATEGORIES
        }
    );
    // A string value past the limit.
    let long = "x".repeat(kiosk_consent::policy::MAX_STRING + 1);
    let found = problems(&toml_line(19, &format!("provider = \"{long}\"")));
    assert!(
        found.contains(&(
            s("policy.toml"),
            19,
            12,
            ProblemKind::TooLong {
                key: s("provider"),
                max: kiosk_consent::policy::MAX_STRING
            }
        )),
        "{found:?}"
    );
}

#[test]
fn odd_files_are_refused_at_once_with_their_name() {
    use kiosk_consent::files::IoCause;
    // A named pipe (nobody writes into it: reading it would wait forever), a device, a file
    // larger than allowed.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &|_| {});
    let charter = dir.path().join("charter/fr-FR.md");
    fs::remove_file(&charter).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&charter)
            .status()
            .unwrap()
            .success()
    );
    let found = problems_in(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "charter/fr-FR.md");
    let ProblemKind::Unreadable { cause } = &found[0].3 else {
        panic!("{found:?}")
    };
    let refused = std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        kiosk_consent::files::Refusal::NotRegular,
    );
    assert_eq!(*cause, IoCause::of(&refused));
    fs::remove_file(&charter).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &charter).unwrap();
    assert_eq!(problems_in(dir.path())[0].0, "charter/fr-FR.md");
    fs::remove_file(&charter).unwrap();
    let big = vec![b'a'; kiosk_consent::policy::MAX_CHARTER as usize + 1];
    fs::write(&charter, big).unwrap();
    let found = problems_in(dir.path());
    let ProblemKind::Unreadable { cause } = &found[0].3 else {
        panic!("{found:?}")
    };
    let too_large = std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        kiosk_consent::files::Refusal::TooLarge(kiosk_consent::policy::MAX_CHARTER),
    );
    assert_eq!(*cause, IoCause::of(&too_large));
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_fluent_file_is_accepted() {
    let with_bom: &'static str = Box::leak(format!("\u{FEFF}{FTL}").into_boxed_str());
    assert_eq!(problems(&ftl(with_bom)), []);
}

/// The problems of the policy folder `dir` as it is.
fn problems_in(dir: &Path) -> Vec<(String, usize, usize, ProblemKind)> {
    match policy::load(&Origin::Dir(dir.to_owned())) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .map(|p| {
                let rel = Path::new(&p.file)
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string();
                (rel, p.line, p.col, p.kind)
            })
            .collect(),
    }
}

#[test]
fn check_says_what_to_write_for_the_usual_slips() {
    use ProblemKind::*;
    let toml = || s("policy.toml");
    // `[categories]` for `[[categories]]`, reported where it is written.
    assert_eq!(
        problems(&toml_line(11, "[categories]")),
        [(
            toml(),
            11,
            1,
            SingleBrackets {
                key: s("categories")
            }
        )]
    );
    // `fr_FR` for `fr-FR`.
    assert_eq!(
        problems(&toml_line(4, "default_locale = \"fr_FR\"")),
        [(
            toml(),
            4,
            18,
            LocaleUnderscore {
                value: s("fr_FR"),
                suggestion: s("fr-FR")
            }
        )]
    );
    // A default language without a charter is reported on its own line.
    let found = problems(&toml_line(4, "default_locale = \"de-DE\""));
    assert!(
        found.contains(&(
            toml(),
            4,
            18,
            DefaultLocaleWithoutCharter { locale: s("de-DE") }
        )),
        "{found:?}"
    );
    // A brace meant as text, pointed at itself.
    let found = problems(&ftl("category-necessary = Nécessaires
    .description = D { x.
category-stats = Stats
    .description = D.
cookie-sid-service = S
cookie-sid-purpose = P
"));
    assert!(
        found.contains(&(
            s("locales/fr-FR/policy.ftl"),
            2,
            22,
            FluentSyntax {
                error: kiosk_consent::policy::FluentError::Brace
            }
        )),
        "{found:?}"
    );
}

#[test]
fn the_voice_settings_are_read_and_default_to_speech_dispatchers_own() {
    let load = |edit: &dyn Fn(&Path)| {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), edit);
        policy::load(&Origin::Dir(dir.path().to_owned()))
            .expect("valid policy")
            .speech
    };
    let none = load(&|_: &Path| {});
    assert_eq!((none.rate, none.volume), (0, 100));
    let set = load(&toml_line(6, "[speech]\nrate = -10\nvolume = 70\n"));
    assert_eq!((set.rate, set.volume), (-10, 70));
    let only_rate = load(&toml_line(6, "[speech]\nrate = 100\n"));
    assert_eq!((only_rate.rate, only_rate.volume), (100, 100));
}

#[test]
fn a_banner_cookie_longer_than_browsers_keep_is_refused() {
    let value = "{stats}".repeat(70);
    let word = "g".repeat(60);
    let found = problems(&toml_line(
        6,
        &format!(
            "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\nvalue = \"{value}\"\n\
             granted = \"{word}\"\n"
        ),
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, ProblemKind::BannerTooLong { max: 4096 });
    // Within the limit: accepted.
    let found = problems(&toml_line(
        6,
        "[site_banner]\nmanager = \"cookie\"\ncookie = \"prefs\"\nvalue = \"{stats}\"\n",
    ));
    assert_eq!(found, []);
}

#[test]
fn banner_problems_are_reported_even_when_the_rest_of_the_policy_is_broken() {
    // A broken version (no policy can be made) and an unknown manager: both said.
    let found = problems(&|dir: &Path| {
        let text = POLICY.replace("version = \"1\"", "version = 1")
            + "\n[site_banner]\nmanager = \"didomi\"\n";
        fs::write(dir.join("policy.toml"), text).unwrap();
    });
    let kinds: Vec<&ProblemKind> = found.iter().map(|p| &p.3).collect();
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ProblemKind::WrongType { .. })),
        "{found:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ProblemKind::BannerManager { value } if value == "didomi")),
        "{found:?}"
    );
}
