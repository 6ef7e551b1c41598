//! Times progenitor on OpenAPI documents: parse, generate tokens, parse with syn, print with
//! prettyplease; every document in turn, once (`cargo xtask bench-codegen` alternates runs of
//! this with its own regeneration). Prints `SECONDS LINES`.
use std::time::Instant;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")))
        .collect();
    let start = Instant::now();
    let mut lines = 0;
    for (path, text) in paths.iter().zip(&texts) {
        let spec: openapiv3::OpenAPI = serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut generator = progenitor_impl::Generator::default();
        let tokens = generator
            .generate_tokens(&spec)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("{path}: {e}"));
        lines += prettyplease::unparse(&file).lines().count();
    }
    println!("{:.3} {lines}", start.elapsed().as_secs_f64());
}
