//! Database URLs without their secrets: what every message, log line and report prints instead
//! of the URL, and the scrubbing of driver messages that may echo the URL.
//!
//! The rule is to obfuscate from the parsed form: a URL the `url` crate parses has its password
//! and `password=`-like query values replaced; a libpq key-value string (`host=h password=pw`)
//! has its `password` value replaced; anything else (a URL that does not parse, an `@` left
//! outside the user info, a control character) is secret as a whole except its scheme:
//! `postgres://***`. Guessing where a password ends in a string that does not parse is how the
//! secrets leaked: `postgres://u:p#w@h/db` has no user info as far as any parser is concerned.

/// Query-string keys whose values are secrets (libpq's `password` and `sslpassword`, and the
/// spellings other drivers accept).
const SECRET_KEYS: [&str; 4] = ["password", "sslpassword", "pass", "pwd"];

/// What replaces a secret.
const MASK: &str = "***";

/// Returns `url` with its secrets replaced by `***`, for messages and logs: the password of a
/// URL (`postgres://u:***@h/db`), `password=` in its query string, the `password` of a libpq
/// key-value string; a string that does not parse is `scheme://***` (or `***` without a scheme).
pub fn obfuscate_url(url: &str) -> String {
    match classify(url) {
        Shape::KeyValue => obfuscate_key_value(url),
        Shape::Url { scheme } => match parse_clean(url) {
            Some((parsed, hosts)) => obfuscate_parsed(url, parsed, hosts),
            None => format!("{scheme}://{MASK}"),
        },
    }
}

/// The control character in `url`, if it has one: such a URL is refused (a newline or an escape
/// sequence in a URL is a pasting accident or an attack on the terminal, never an address).
pub fn control_character(url: &str) -> Option<char> {
    url.chars().find(|c| c.is_control())
}

/// Whether a URL is safe to hand to a driver because its secrets are where a parser finds them:
/// it parses, has no `@` outside its user info and no malformed percent escape. `Err` says what
/// is wrong, for the message that refuses it.
pub(crate) fn check_parseable(url: &str) -> Result<(), &'static str> {
    if control_character(url).is_some() {
        return Err("it contains a control character (a newline, tab or escape); remove it");
    }
    if !percent_escapes_are_valid(url) {
        return Err("it has a `%` that is not followed by two hex digits; write a literal `%` as %25");
    }
    let (parsed, _) = parse_libpq_aware(url)?;
    if at_outside_user_info(&parsed) {
        return Err("it has an `@` after the host");
    }
    // No driver reads a fragment: a `#` is a password character that ended the URL early.
    if parsed.fragment().is_some() {
        return Err("it has a `#`");
    }
    // `u:` then nothing: a password cut short, or a password that ended the authority early.
    if raw_authority(url).is_some_and(|a| a.ends_with(':')) {
        return Err("it has a `:` with no port after it");
    }
    // The URL standard reads `\` as `/` in some schemes and not in others; drivers differ too.
    if raw_authority(url).is_some_and(|a| a.contains('\\')) {
        return Err("it has a `\\` before the path");
    }
    Ok(())
}

/// Replaces every secret of `url` found in `message` (a driver's error, which may echo the URL
/// or the password as it understood it) with `***`.
pub fn scrub(message: &str, url: &str) -> String {
    let mut secrets = secrets(url);
    // Longest first, so that a secret containing another one is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = message.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(secret.as_str(), MASK);
    }
    out
}

/// The secrets of a URL in every spelling a driver might echo: as written, percent-decoded and
/// as the `url` crate re-encodes it; for a string that does not parse, everything after the
/// scheme.
fn secrets(url: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        if !s.is_empty() && s != MASK {
            out.push(s.to_string());
            if let Ok(decoded) = percent_decode(s) {
                out.push(decoded);
            }
        }
    };
    match classify(url) {
        Shape::KeyValue => match key_values(url) {
            Some(pairs) => {
                // As in a query string, a password with a space and `=` in it reads as more
                // pairs: everything from the first secret key on is secret.
                if let Some(i) = pairs.iter().position(|(key, _)| is_secret_key(key)) {
                    let (_, value) = pairs[i];
                    push(&unquote(value));
                    let rest = &url[value.as_ptr() as usize - url.as_ptr() as usize..];
                    push(rest);
                    for piece in rest.split(|c: char| c.is_whitespace() || c == '=').filter(|p| p.len() >= 3) {
                        push(piece);
                    }
                }
            }
            None => {
                push(url);
                for piece in url.split(|c: char| c.is_whitespace() || c == '=' || c == '\'').filter(|p| p.len() >= 3) {
                    push(piece);
                }
            }
        },
        Shape::Url { scheme } => match parse_clean(url) {
            Some((parsed, _)) => {
                if let Some(password) = parsed.password() {
                    push(password);
                }
                if let Some(raw) = raw_password(url) {
                    push(raw);
                    // A password holding `@`: drivers split the user info at the first `@`
                    // where the parser takes the last, and may echo the rest as the host.
                    for piece in raw.split(['@', ':']).filter(|p| p.len() >= 3) {
                        push(piece);
                    }
                }
                for secret in raw_query_secrets(url) {
                    push(secret);
                }
                for (key, value) in parsed.query_pairs() {
                    if is_secret_key(&key) {
                        push(&value);
                    }
                }
            }
            // Never handed to a driver (see `check_parseable`); what one might echo of it is
            // anything after the scheme, whole or in pieces.
            None => {
                let rest = &url[scheme.len()..];
                push(rest);
                for piece in rest.split(|c: char| "/:@?#&=[] ".contains(c)).filter(|p| p.len() >= 3) {
                    push(piece);
                }
            }
        },
    }
    out
}

enum Shape<'a> {
    /// `scheme:...`.
    Url { scheme: &'a str },
    /// libpq's `key=value key='value'`.
    KeyValue,
}

/// A string starting with `scheme:` (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`)
/// is a URL; anything else is read as a libpq key-value string.
fn classify(url: &str) -> Shape<'_> {
    if let Some((scheme, _)) = url.split_once(':') {
        let mut chars = scheme.chars();
        let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            return Shape::Url { scheme };
        }
    }
    Shape::KeyValue
}

/// The parsed URL, when its secrets are where the parser says: no control character, no `@`
/// outside the user info (`postgres://u:12/pw@h/db` parses with port 12 and the password in the
/// path) and no bad percent escape (drivers differ in how they read one).
fn parse_clean(url: &str) -> Option<(url::Url, Option<&str>)> {
    check_parseable(url).ok()?;
    parse_libpq_aware(url).ok()
}

/// Parses a URL, accepting the two authorities libpq reads and the URL standard does not: no
/// host (`postgres://u@/db?host=/run/postgresql`) and several (`postgres://u@h1:5432,h2/db`).
/// These are parsed with a placeholder host, returned with the hosts as written, which are
/// checked to be `host[:port]` lists (so that no password piece hides in them).
fn parse_libpq_aware(url: &str) -> Result<(url::Url, Option<&str>), &'static str> {
    const NOT_A_URL: &str = "it does not parse as a URL";
    if let Ok(parsed) = url::Url::parse(url) {
        return Ok((parsed, None));
    }
    let authority = raw_authority(url).ok_or(NOT_A_URL)?;
    let hosts = authority.rfind('@').map_or(authority, |at| &authority[at + 1..]);
    if !(hosts.is_empty() || (hosts.contains(',') && hosts.split(',').all(is_host_port))) {
        return Err(NOT_A_URL);
    }
    let start = hosts.as_ptr() as usize - url.as_ptr() as usize;
    let probe = format!("{}placeholder{}", &url[..start], &url[start + hosts.len()..]);
    let parsed = url::Url::parse(&probe).map_err(|_| NOT_A_URL)?;
    Ok((parsed, Some(hosts)))
}

/// `host`, `host:port` or `[v6]:port`, as in a libpq host list.
fn is_host_port(entry: &str) -> bool {
    let (host, port) = match entry.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => (h, Some(p)),
        _ => (entry, None),
    };
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        v6.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    !entry.is_empty() && host_ok && port_ok
}

fn at_outside_user_info(parsed: &url::Url) -> bool {
    parsed.path().contains('@')
        || parsed.query().is_some_and(|q| q.contains('@'))
        || parsed.fragment().is_some_and(|f| f.contains('@'))
        || parsed.host_str().is_some_and(|h| h.contains('@'))
}

fn obfuscate_parsed(url: &str, mut parsed: url::Url, hosts: Option<&str>) -> String {
    let has_secret_query = parsed.query_pairs().any(|(k, _)| is_secret_key(&k));
    if parsed.password().is_none() && !has_secret_query {
        // Nothing secret: print it as written (a SQLite path keeps its spaces).
        return url.to_string();
    }
    if parsed.password().is_some() && parsed.set_password(Some(MASK)).is_err() {
        return format!("{}://{MASK}", parsed.scheme());
    }
    if has_secret_query {
        // The pairs before the first secret key, then that key masked; what follows it may be
        // the rest of a password with `&` in it (see `raw_query_secrets`), so it is not shown.
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in parsed.query_pairs() {
            if is_secret_key(&k) {
                pairs.push((k.into_owned(), MASK.to_string()));
                break;
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    match hosts {
        // Put back the hosts the placeholder stood for.
        Some(hosts) => {
            format!("{}{hosts}{}", &parsed[..url::Position::BeforeHost], &parsed[url::Position::BeforePath..])
        }
        None => parsed.to_string(),
    }
}

/// The authority (`user:password@host:port`), as written.
fn raw_authority(url: &str) -> Option<&str> {
    let rest = &url[url.find("//")? + 2..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..authority_end])
}

/// The password between the user info's `:` and its `@`, as written.
fn raw_password(url: &str) -> Option<&str> {
    let authority = raw_authority(url)?;
    let user_info = &authority[..authority.rfind('@')?];
    user_info.split_once(':').map(|(_, password)| password)
}

/// What follows the first secret key of the query string, as written, and its pieces: a `&` or
/// `=` in a password splits it into what a parser takes for more parameters, so everything from
/// the first secret key on counts as secret. Pieces shorter than 3 characters are left out, so
/// that scrubbing does not mangle every `1` of a message.
fn raw_query_secrets(url: &str) -> Vec<&str> {
    let Some((_, query)) = url.split_once('?') else { return Vec::new() };
    let mut start = None;
    let mut offset = 0;
    for pair in query.split('&') {
        if pair.split_once('=').is_some_and(|(k, _)| is_secret_key(k)) {
            start = Some(offset + pair.find('=').map_or(0, |i| i + 1));
            break;
        }
        offset += pair.len() + 1;
    }
    let Some(start) = start else { return Vec::new() };
    let rest = &query[start..];
    let mut out = vec![rest];
    // Pieces trimmed too: libpq echoes a parameter it cannot read without its spaces.
    out.extend(rest.split(['&', '=']).flat_map(|p| [p, p.trim()]).filter(|p| p.len() >= 3));
    out
}

fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
}

/// libpq key-value form, rebuilt with secret values masked; a string that does not parse as one
/// is secret as a whole.
fn obfuscate_key_value(text: &str) -> String {
    match key_values(text) {
        Some(pairs) if !pairs.is_empty() => {
            let mut shown = Vec::new();
            for (key, value) in pairs {
                if is_secret_key(key) {
                    // What follows may be the rest of the password (see `secrets`).
                    shown.push(format!("{key}={MASK}"));
                    break;
                }
                shown.push(format!("{key}={value}"));
            }
            shown.join(" ")
        }
        _ => MASK.to_string(),
    }
}

/// Parses libpq's `key = value` pairs (values unquoted up to a space, or in single quotes with
/// `\'` and `\\` escapes), returning each value as written; `None` when the text is not of that
/// form, or has a control character.
fn key_values(text: &str) -> Option<Vec<(&str, &str)>> {
    if control_character(text).is_some() {
        return None;
    }
    let mut pairs = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
        let key = &rest[..key_end];
        if key.is_empty() {
            return None;
        }
        rest = rest[key_end..].trim_start().strip_prefix('=')?.trim_start();
        let value_len = if rest.starts_with('\'') {
            let mut escaped = false;
            let close = rest.char_indices().skip(1).find(|&(_, c)| {
                let end = !escaped && c == '\'';
                escaped = !escaped && c == '\\';
                end
            })?;
            close.0 + 1
        } else {
            let mut escaped = false;
            rest.char_indices()
                .find(|&(_, c)| {
                    let end = !escaped && c.is_whitespace();
                    escaped = !escaped && c == '\\';
                    end
                })
                .map_or(rest.len(), |(i, _)| i)
        };
        pairs.push((key, &rest[..value_len]));
        rest = rest[value_len..].trim_start();
    }
    Some(pairs)
}

fn unquote(value: &str) -> String {
    let inner = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(value);
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for c in inner.chars() {
        if escaped || c != '\\' {
            out.push(c);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out
}

fn percent_escapes_are_valid(text: &str) -> bool {
    percent_decode(text).is_ok()
}

/// Strict percent-decoding: every `%` starts two hex digits. Invalid UTF-8 decodes lossily.
fn percent_decode(text: &str) -> Result<String, ()> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(())?;
            let digit = |b: u8| char::from(b).to_digit(16).ok_or(());
            out.push(u8::try_from(digit(hex[0])? * 16 + digit(hex[1])?).map_err(|_| ())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests;
