pub fn run(_c: crate::commands::Context, _a: &crate::cli::RunArgs, _e: impl Fn(&str)->Option<String>) -> u8 { 0 }
