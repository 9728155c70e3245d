//! Child process for P1 (whole process) and P5: our generator, spec file in, crate files out.

fn main() -> std::process::ExitCode {
    codegen_bench::generate::child_main(codegen_bench::generate::Tool::Ours)
}
