//! Child process for P1 (whole process) and P5: our generator, spec file in, crate files out,
//! with the allocator `cargo xtask codegen` uses.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    codegen_bench::generate::child_main(codegen_bench::generate::Tool::Ours)
}
