//! The xtask binary's global allocator.
//!
//! Generation allocates and frees a small block for nearly every token: `syn` clones an
//! identifier (a boxed string) at each keyword it peeks at. Under glibc's allocator, malloc and
//! free were 31% of regeneration's instructions; mimalloc takes regeneration from 11.6 to 9.2
//! billion instructions (`cargo xtask bench-codegen --no-build --instructions`).
//!
//! The allocator shim rustc emits for a `#[global_allocator]` (and mimalloc's `#[inline]`
//! `GlobalAlloc` methods) is compiled in the crate that declares it, at that crate's
//! opt-level: unoptimized, it cost regeneration 1.8 billion instructions (8.46 against 6.63).
//! Declared here, only this small crate is optimized (see the workspace's `Cargo.toml`), not
//! the xtask crate with its tests.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
