//! Obfuscation of the URL shapes the fault injection found leaking, and a property test over
//! malformed URLs with random passwords.

use super::*;
use proptest::prelude::*;

#[test]
fn passwords_of_parsed_urls_and_query_strings_are_masked() {
    assert_eq!(obfuscate_url("postgres://app:s3cret@db:5432/shop"), "postgres://app:***@db:5432/shop");
    assert_eq!(obfuscate_url("postgres://app@db/shop"), "postgres://app@db/shop");
    assert_eq!(obfuscate_url("postgres://h/db?user=a&password=p"), "postgres://h/db?user=a&password=***");
    assert_eq!(obfuscate_url("postgres://h/db?sslpassword=p&PASSWORD=q"), "postgres://h/db?sslpassword=***");
    assert_eq!(
        obfuscate_url("postgres://h/db?user=u&password=a&b=c"),
        "postgres://h/db?user=u&password=***",
        "what follows may be password"
    );
    assert_eq!(obfuscate_url("mysql://root:p%40ss@h/db"), "mysql://root:***@h/db");
    assert_eq!(obfuscate_url("postgres://h/db?user=u&password=a&b=c"), "postgres://h/db?user=u&password=***");
    // `[` in the user info is a password character to the URL standard (and to libpq).
    assert_eq!(obfuscate_url("postgres://u:pa[ss@db/shop"), "postgres://u:***@db/shop");
    assert_eq!(obfuscate_url("sqlite://app.sqlite3"), "sqlite://app.sqlite3");
    // libpq's authorities that the URL standard has no place for: no host, several hosts.
    assert_eq!(obfuscate_url("postgres://u:pw@/db?host=/run/pg"), "postgres://u:***@/db?host=/run/pg");
    assert_eq!(obfuscate_url("postgres://u:pw@h1:5432,[::1]:5433/db"), "postgres://u:***@h1:5432,[::1]:5433/db");
    assert_eq!(obfuscate_url("postgres://u:s3cret,x/db"), "postgres://***", "a host list of one bad entry");
    assert_eq!(obfuscate_url("sqlite::memory:"), "sqlite::memory:");
    assert_eq!(obfuscate_url("sqlite:///tmp/my app.db"), "sqlite:///tmp/my app.db", "no secret: as written");
}

#[test]
fn libpq_key_value_strings_mask_the_password_value() {
    // What follows the password may be more of it (a space and an `=` in it), so it is not shown.
    assert_eq!(obfuscate_url("host=db dbname=shop password=s3cret"), "host=db dbname=shop password=***");
    assert_eq!(obfuscate_url("host=db password=s3cret dbname=shop"), "host=db password=***");
    assert_eq!(obfuscate_url("dbname=shop password = 'a b\\' c'"), "dbname=shop password=***");
    assert_eq!(obfuscate_url("host=db PASSWORD=x"), "host=db PASSWORD=***");
    // Not key-value pairs: an unquoted space in the password, an unclosed quote.
    assert_eq!(obfuscate_url("host=db password=a b dbname=shop"), "***");
    assert_eq!(obfuscate_url("host=db password='abc dbname=shop"), "***");
}

#[test]
fn a_url_that_does_not_parse_is_secret_except_its_scheme() {
    for url in [
        "postgres://u:pa ss@[db/shop",  // a space, and a `[`
        "postgres://u:pa/ss@db/shop",   // `/` ends the authority: port `pa` is invalid
        "postgres://u:pa#ss@db/shop",   // `#` starts a fragment
        "postgres://u:12/ss@db/shop",   // parses (port 12), with the password in the path
        "postgres://u:12#ss@db/shop",   // parses, with the password in the fragment
        "postgres://u:pa%zzss@db/shop", // a bad percent escape
        "postgres://u:pa%@db/shop",
        "mysql://u:pa\nss@db/shop", // a control character
    ] {
        let shown = obfuscate_url(url);
        assert!(shown == "postgres://***" || shown == "mysql://***", "{url:?} -> {shown}");
    }
}

#[test]
fn control_characters_are_found() {
    assert_eq!(control_character("postgres://h/db\n"), Some('\n'));
    assert_eq!(control_character("postgres://h/d\u{1b}[2Jb"), Some('\u{1b}'));
    assert_eq!(control_character("postgres://h/db"), None);
}

#[test]
fn driver_messages_lose_every_spelling_of_the_password() {
    let url = "postgres://u:p%20w d@h/db";
    assert_eq!(
        scrub("bad token \"p%20w d\" in postgres://u:p%20w d@h/db", url),
        "bad token \"***\" in postgres://u:***@h/db"
    );
    assert_eq!(scrub("password p w d rejected", url), "password *** rejected");
    assert_eq!(scrub("x", "host=h password='a b'"), "x");
    assert_eq!(scrub("got 'a b' and a b", "host=h password='a b'"), "got *** and ***");
}

/// Characters that break URLs (the fault injection's `[`, space, `/`, `#`, `%`), and plain ones.
fn password() -> impl Strategy<Value = String> {
    let piece = "[a-zA-Z0-9 /#?@%:\\[\\]'\\\\=&]{0,8}";
    (piece, piece).prop_map(|(a, b)| format!("{a}{MARKER}{b}"))
}

/// Every generated password contains it: a partly masked password still shows it.
const MARKER: &str = "s3CrEt";

/// The shapes a password goes into: URL user info (before a host that refuses connections at
/// once, so that the drivers answer quickly), the query string, libpq key-value pairs, and those
/// cut short.
fn url_with(password: &str, shape: u8, cut: usize) -> String {
    let url = match shape % 6 {
        0 => format!("postgres://u:{password}@127.0.0.1:1/db"),
        1 => format!("mysql://u:{password}@127.0.0.1:1/db"),
        2 => format!("postgres://u:{password}@[127.0.0.1:1/db"),
        3 => format!("postgres://127.0.0.1:1/db?user=u&password={password}&sslmode=disable"),
        4 => format!("host=127.0.0.1 port=1 password={password} dbname=db"),
        _ => format!("mariadb://u:{password}@127.0.0.1:1/db?ssl=false"),
    };
    // A URL cut after the password (and the character after it, or the password would be
    // read as the host), as a truncated copy-paste would be.
    let keep = url.find(password).map_or(url.len(), |m| m + password.len() + 1);
    let cut_at = (keep + cut).min(url.len());
    if cut.is_multiple_of(3) && url.is_char_boundary(cut_at) {
        url[..cut_at].to_string()
    } else {
        url
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_password_is_ever_shown(password in password(), shape in 0u8..6, cut in 0usize..20) {
        let url = url_with(&password, shape, cut);
        let shown = obfuscate_url(&url);
        prop_assert!(!shown.contains(MARKER), "{url:?} -> {shown:?}");
        let scrubbed = scrub(&format!("driver says: {url} / {password}"), &url);
        prop_assert!(!scrubbed.contains(MARKER), "{url:?} -> {scrubbed:?}");
    }
}

proptest! {
    // Each case connects (to a closed port): fewer cases, still every shape.
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn no_password_is_in_a_connect_error(password in password(), shape in 0u8..6, cut in 0usize..20) {
        let url = url_with(&password, shape, cut);
        match crate::runner::Database::connect(&url) {
            Ok(_) => prop_assert!(false, "{url:?} connected to a closed port"),
            Err(e) => {
                let text = e.to_string();
                prop_assert!(!text.contains(MARKER), "{url:?} -> {text}");
                prop_assert!(!format!("{e:?}").contains(MARKER), "{url:?} -> {e:?}");
            }
        }
    }
}
