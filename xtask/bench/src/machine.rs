//! What the machine is doing: cores, load average, and a process's peak memory.

/// `N cores, load 1/5/15 min: a b c` from `/proc/loadavg`.
pub fn describe() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |count| count.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "{cores} cores, load average (1/5/15 min) {}",
        if load.is_empty() { "unknown".into() } else { load.join(" ") }
    )
}

/// This process's peak resident set (`VmHWM` in `/proc/self/status`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
