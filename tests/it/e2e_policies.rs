//! End to end on operator policies: the larger example policy in its third language
//! (Spanish, which the program does not ship: the policy brings its own UI strings), driven in
//! tmux, with the choice checked in the written file.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Kc, Kiosk, consent_location};
use serde_json::Value;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/ville-exemple")
}

#[test]
fn the_example_policy_in_spanish_records_a_custom_choice() {
    let (_dir, consent) = consent_location();
    let example = example().display().to_string();
    let s = Kiosk::new("example_es")
        .arg("--policy")
        .arg(&example)
        .env("LANG", "es_ES.UTF-8")
        .consent(&consent)
        .start();
    s.wait_for_all(&["Aceptar todo (A)", "Rechazar todo (R)", "Elegir (E)"]);
    s.wait_cursor_on("Antes de abrir el navegador", 0);
    s.send_keys(&["e"]);
    s.wait_for("Elija las cookies que acepta");
    // Statistics is the third category: down twice, tick.
    s.send_keys(&["Down", "Down", "Space"]);
    s.wait_for("[x] Estadísticas: aceptada");
    s.wait_cursor_on("Estadísticas", 0);
    // Its cookies are those of the policy, in Spanish.
    s.wait_for("_pk_id");
    s.send_keys(&["g"]);
    s.wait_for("Su elección se ha guardado");
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);

    let record: Value = serde_json::from_str(&fs::read_to_string(&consent).unwrap()).unwrap();
    assert_eq!(record["policy_id"], "ville-exemple");
    assert_eq!(record["policy_version"], "2025-1");
    assert_eq!(record["locale"], "es-ES");
    assert_eq!(record["action"], "custom");
    let categories = record["categories"].as_object().unwrap();
    let states: Vec<(&str, bool)> = categories
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_bool().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("necessary", true),
            ("preferences", false),
            ("statistics", true),
            ("first-party", false),
            ("third-party", false),
        ]
    );
    assert_eq!(record["cookies"]["_pk_id"], true);
    assert_eq!(record["cookies"]["et_player"], false);

    // The same choice as the launcher reads it.
    let policy = ["--policy", example.as_str()];
    let get = |category: &str| {
        let args = [&policy[..], &["get", category]].concat();
        Kc::at(&consent).output(&args).status.code()
    };
    assert_eq!(get("statistics"), Some(0));
    assert_eq!(get("third-party"), Some(1));
    // The embedded policy does not accept a decision made for another policy.
    assert_eq!(
        Kc::at(&consent)
            .output(&["get", "statistics"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn f2_cycles_through_the_three_languages_of_the_policy() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("example_f2")
        .arg("--policy")
        .arg(example().display().to_string())
        .consent(&consent)
        .start();
    s.wait_for("Tout accepter (A)");
    s.send_keys(&["F2"]);
    s.wait_for("Accept all (A)");
    s.send_keys(&["F2"]);
    s.wait_for("Aceptar todo (A)");
    s.wait_cursor_on("Antes de abrir el navegador", 0);
    s.send_keys(&["F2"]);
    s.wait_for("Tout accepter (A)");
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists());
}
