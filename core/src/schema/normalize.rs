//! Expression equality: the normal form in which two spellings of one SQL expression agree.
//!
//! Defaults, checks, predicates, generated columns, index keys and view bodies are kept as text.
//! The chain writes them as the author did; the server stores its own rewriting. [`expression`]
//! undoes what can be undone without a SQL parser (docs/schema.md lists it): whitespace,
//! keyword and identifier case, identifier quoting, PostgreSQL's added casts (`'x'::text`),
//! redundant parentheses, `!=` for `<>`, `now()` for `CURRENT_TIMESTAMP`, and the database
//! qualifier MySQL puts before table names.
//!
//! Shared with the macro crate: std only.

/// The normal form of an SQL expression.
pub fn expression(sql: &str) -> String {
    let sql = sql.trim().trim_end_matches(';');
    let tokens: Vec<Token> = tokens(sql).into_iter().map(literal).collect();
    let tokens = any_array(drop_casts(tokens));
    let mut out = render(&tokens);
    loop {
        let stripped = strip_outer_parens(&out);
        if stripped == out {
            break;
        }
        out = stripped;
    }
    alias(out)
}

/// Whether two expressions are equal in normal form.
pub fn same(a: &str, b: &str) -> bool {
    a == b || expression(a) == expression(b)
}

/// Whether two optional expressions are equal in normal form.
pub fn same_opt(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// An identifier or keyword, lower-cased, unquoted.
    Word(String),
    /// A string literal, with its quotes.
    Str(String),
    /// A number.
    Number(String),
    /// Punctuation or an operator.
    Punct(String),
}

fn tokens(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            let mut s = String::from('\'');
            i += 1;
            while i < chars.len() {
                s.push(chars[i]);
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        s.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            out.push(Token::Str(s));
        } else if c == '"' || c == '`' {
            let close = c;
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != close {
                s.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(Token::Word(s.to_lowercase()));
        } else if c.is_ascii_digit() {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                s.push(chars[i]);
                i += 1;
            }
            out.push(Token::Number(s));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                s.push(chars[i]);
                i += 1;
            }
            out.push(Token::Word(s.to_lowercase()));
        } else {
            // Two-character operators stay one token.
            let two: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let op = match two.as_str() {
                "::" | "<>" | "!=" | ">=" | "<=" | "||" | "->" | "=>" | "&&" | "@>" | "<@" => two,
                _ => c.to_string(),
            };
            i += op.chars().count();
            out.push(Token::Punct(op));
        }
    }
    // `db`.`t` from MySQL and `public.t` qualifiers are not part of the expression's meaning
    // for one database; a `word . word` pair keeps only its last part.
    let mut merged: Vec<Token> = Vec::with_capacity(out.len());
    let mut k = 0;
    while k < out.len() {
        if let (Some(Token::Word(_)), Some(Token::Punct(dot)), Some(Token::Word(_))) =
            (out.get(k), out.get(k + 1), out.get(k + 2))
        {
            if dot == "." {
                k += 2;
                continue;
            }
        }
        merged.push(out[k].clone());
        k += 1;
    }
    // `id AS id` (MySQL's stored view bodies alias every column) is `id`.
    let mut out: Vec<Token> = Vec::with_capacity(merged.len());
    for t in merged {
        let n = out.len();
        if n >= 2 && out[n - 1] == Token::Word("as".into()) && out[n - 2] == t && matches!(t, Token::Word(_)) {
            out.pop();
            continue;
        }
        out.push(t);
    }
    out
}

/// Words that may follow `::` as part of a type name.
const TYPE_WORDS: &[&str] = &["character", "varying", "double", "precision", "with", "without", "time", "zone"];

/// A string literal that is a number (`'-1.5'`, as PostgreSQL prints a cast numeric default)
/// is that number; a timestamp literal at midnight UTC (`'2026-01-01 00:00:00+00'`, as it
/// prints a partition bound) is its date.
fn literal(token: Token) -> Token {
    let Token::Str(s) = &token else { return token };
    let inner = &s[1..s.len().saturating_sub(1).max(1)];
    if !inner.is_empty() && inner.parse::<f64>().is_ok() && !inner.starts_with('+') {
        return Token::Number(inner.to_string());
    }
    for suffix in [" 00:00:00+00", " 00:00:00"] {
        if let Some(date) = inner.strip_suffix(suffix) {
            if date.len() == 10 && date.as_bytes()[4] == b'-' {
                return Token::Str(format!("'{date}'"));
            }
        }
    }
    token
}

fn drop_casts(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == Token::Punct("::".into()) {
            i += 1;
            // The type: a word, more type words, an optional `(n[, m])` and `[]`.
            if matches!(tokens.get(i), Some(Token::Word(_))) {
                i += 1;
            }
            while let Some(Token::Word(w)) = tokens.get(i) {
                if TYPE_WORDS.contains(&w.as_str()) {
                    i += 1;
                } else {
                    break;
                }
            }
            if tokens.get(i) == Some(&Token::Punct("(".into())) {
                let mut j = i + 1;
                while j < tokens.len() && matches!(&tokens[j], Token::Number(_) | Token::Punct(_)) {
                    if tokens[j] == Token::Punct(")".into()) {
                        i = j + 1;
                        break;
                    }
                    j += 1;
                }
            }
            while tokens.get(i) == Some(&Token::Punct("[".into()))
                && tokens.get(i + 1) == Some(&Token::Punct("]".into()))
            {
                i += 2;
            }
            continue;
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    // `(x)` around one token is redundant.
    let mut again = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        let open = out[i] == Token::Punct("(".into());
        let after_word = i > 0 && matches!(out[i - 1], Token::Word(_));
        if open && !after_word && out.get(i + 2) == Some(&Token::Punct(")".into())) {
            if let Some(t @ (Token::Word(_) | Token::Str(_) | Token::Number(_))) = out.get(i + 1) {
                again.push(t.clone());
                i += 3;
                continue;
            }
        }
        again.push(out[i].clone());
        i += 1;
    }
    if again.len() < out.len() {
        drop_casts(again)
    } else {
        again
    }
}

fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut previous_word = false;
    for t in tokens {
        match t {
            Token::Number(n) => {
                // A leading minus is the number's, not an operator with spaces.
                if previous_word {
                    out.push(' ');
                }
                out.push_str(n);
                previous_word = true;
            }
            Token::Word(w) => {
                if previous_word {
                    out.push(' ');
                }
                out.push_str(w);
                previous_word = true;
            }
            Token::Str(s) => {
                if previous_word {
                    out.push(' ');
                }
                out.push_str(s);
                previous_word = true;
            }
            Token::Punct(p) => {
                let p = if p == "!=" { "<>" } else { p.as_str() };
                out.push_str(p);
                previous_word = false;
            }
        }
    }
    out
}

/// PostgreSQL stores `x IN ('a', 'b')` as `x = ANY (ARRAY['a', 'b'])` and `NOT IN` as
/// `<> ALL (ARRAY[..])`: both are turned back.
fn any_array(tokens: Vec<Token>) -> Vec<Token> {
    let p = |s: &str| Token::Punct(s.into());
    let w = |s: &str| Token::Word(s.into());
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let head = [&tokens[i..tokens.len().min(i + 5)]].concat();
        let word = if head == [p("="), w("any"), p("("), w("array"), p("[")] {
            Some(vec![w("in")])
        } else if head == [p("<>"), w("all"), p("("), w("array"), p("[")] {
            Some(vec![w("not"), w("in")])
        } else {
            None
        };
        if let Some(word) = word {
            if let Some(close) = (i + 5..tokens.len()).find(|&j| tokens[j] == p("]")) {
                if tokens.get(close + 1) == Some(&p(")")) {
                    out.extend(word);
                    out.push(p("("));
                    out.extend(tokens[i + 5..close].iter().cloned());
                    out.push(p(")"));
                    i = close + 2;
                    continue;
                }
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// `(a)` → `a` when the parentheses wrap the whole text.
fn strip_outer_parens(text: &str) -> String {
    if !(text.starts_with('(') && text.ends_with(')')) {
        return text.to_string();
    }
    let mut depth = 0i32;
    let mut quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => {
                depth -= 1;
                if depth == 0 && i + 1 < text.len() {
                    return text.to_string();
                }
            }
            _ => {}
        }
    }
    text[1..text.len() - 1].to_string()
}

/// Spellings of one value that the dialects choose differently.
fn alias(text: String) -> String {
    match text.as_str() {
        "current_timestamp" | "current_timestamp()" | "now()" | "localtimestamp" | "current_timestamp(6)" => {
            "now()".into()
        }
        "true" | "'t'" => "1".into(),
        "false" | "'f'" => "0".into(),
        "null" => String::new(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_quotes_case_and_parentheses_are_undone() {
        assert!(same("'draft'::text", "'draft'"));
        assert!(same("('x'::character varying)", "'x'"));
        assert!(same("(age >= 0)", "`age` >= 0"));
        assert!(same("CHECK_ME(\"Email\")", "check_me(email)"));
        assert!(same("status != ''", "(status <> ''::text)"));
        assert!(same("CURRENT_TIMESTAMP", "now()"));
        assert!(same("true", "1"));
        assert!(same("lower((email)::text)", "lower(email)"));
        assert!(same("'-1.5'::numeric", "-1.5"));
        assert!(same("FROM ('2026-01-01 00:00:00+00')", "FROM ('2026-01-01')"));
        assert!(same("SELECT users.id FROM users;", "SELECT id FROM users"));
        assert!(same("(status = ANY (ARRAY['draft'::text, 'published'::text]))", "status IN ('draft', 'published')"));
        assert!(same("(role <> ALL (ARRAY['x'::character varying]))", "role NOT IN ('x')"));
        assert!(same(
            "select `users`.`id` AS `id`,`users`.`email` AS `email` from `users`",
            "SELECT id, email FROM users"
        ));
        assert!(!same("a > 0", "a >= 0"));
        assert!(!same("'A'", "'a'"), "string literals keep their case");
    }

    #[test]
    fn qualifiers_are_dropped() {
        assert!(same("select `shop`.`users`.`id` from `shop`.`users`", "SELECT users.id FROM users"));
        assert_eq!(expression("SELECT u.id FROM users u"), "select id from users u");
    }
}
