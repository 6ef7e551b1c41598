use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regen [--check]        regenerate generated/ from api-specs/; --check fails with a diff if stale
  bench-codegen [--no-build [--instructions] [--progenitor] | --setters [--rounds N] [--instructions]]
                         measure regen time beside progenitor's on the same surface, spec and code size,
                         clean builds of the generated crate; --no-build: regeneration and sizes only
                         (--instructions: also its instructions counted by valgrind; --progenitor: and
                         beside progenitor);
                         --setters: only what the setters cost the SDK's build (--instructions: also
                         rustc's instructions counted by valgrind, which this host's noise does not move)
  import-doc PAGE...     parse API reference pages into api-specs/{service}/{version}.json
  import-definitions [--service NAME[@VERSION]]... [--all] [--out DIR] [--wheel PATH | --unpacked DIR] ...
                         import the official definitions (tccli, SDK error codes), merge the doc pages;
                         by default the versions api-specs/services.txt lists, into api-specs/
  add-service NAME[@VERSION]...
                         add a service (every version, or one) to the SDK: listed in api-specs/services.txt,
                         imported, and generated as its own crate, generated/{service}/
  interop [--requests N] [--seed S]
                         check the runtime's signatures with the official Python SDK (needs python3)
  bench [--quick]        criterion benches side by side with the official Python SDK (needs python3)
  fuzz-codegen [--cases N] [--seed S]
                         random specs: each rejected cleanly, or generating code that compiles and documents
  stress [--skip-import] [--no-check]
                         every service version of the definitions imported into target/stress/, generated
                         and `cargo check`ed, a crate per service; times each stage, lists every version that stops
";

// The global allocator; the crate is linked for it alone.
use xtask_allocator as _;

fn main() -> ExitCode {
    // cargo's `RUSTC_WRAPPER` for `bench-codegen --instructions`.
    if let Some(code) = xtask::rustc_instructions::wrapper_main() {
        return code;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => xtask::regen::run(&args[1..]),
        Some("bench-codegen") => xtask::bench_codegen::run(&args[1..]),
        Some("import-doc") => xtask::import::doc_page::run(&args[1..]),
        Some("import-definitions") => xtask::import::definitions::run(&args[1..]),
        Some("add-service") => xtask::add_service::run(&args[1..]),
        Some("interop") => xtask::interop::run(&args[1..]),
        Some("bench") => xtask::bench::run(&args[1..]),
        Some("fuzz-codegen") => xtask::fuzz_codegen::run(&args[1..]),
        Some("stress") => xtask::stress::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
