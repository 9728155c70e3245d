//! Child process for P1: progenitor 0.15.1, spec file in, crate files out, with the same
//! allocator as `gen-ours`, so that the allocator is not what the comparison measures.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    codegen_bench::generate::child_main(codegen_bench::generate::Tool::Progenitor)
}
