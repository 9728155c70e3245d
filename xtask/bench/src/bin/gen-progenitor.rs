//! Child process for P1 (whole process): progenitor 0.15.1, spec file in, crate files out.

fn main() -> std::process::ExitCode {
    codegen_bench::generate::child_main(codegen_bench::generate::Tool::Progenitor)
}
