//! trybuild: what compiles and what must not (with reviewed compiler messages).

#![cfg(test)]

#[test]
fn generated_api_contract() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
