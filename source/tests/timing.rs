//! Temporary timing probe.
#[test]
fn read_bench_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/apply-1000/src/migrations");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let files = retort_source::folder::read(&dir).unwrap();
        let read = t.elapsed();
        let report = retort_source::chain::check(&files);
        println!(
            "read {} files: {:?}, check: {:?}, findings {}",
            files.len(),
            read,
            t.elapsed() - read,
            report.findings.len()
        );
    }
}

#[test]
fn lex_bench_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench/apply-1000/src/migrations");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for text in &texts {
            let ts: proc_macro2::TokenStream = text.parse().unwrap();
            n += ts.into_iter().count();
        }
        let lex = t.elapsed();
        for text in &texts {
            let f = syn::parse_file(text).unwrap();
            n += f.items.len();
        }
        let file = t.elapsed() - lex;
        println!("lex {lex:?}, parse_file {file:?} ({n})");
    }
}
