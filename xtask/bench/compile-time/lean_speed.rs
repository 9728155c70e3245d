use std::time::Instant;

use nexus_ours::types::DiskResultsPage;

#[test]
fn decode_speed() {
    let disk = |index: usize| format!(r#"{{"block_size":512,"description":"disk number {index}","device_path":"/mnt/disk{index}","id":"6f1c1f5e-0000-4000-8000-{index:012}","image_id":null,"name":"disk-{index}","project_id":"6f1c1f5e-0000-4000-8000-000000000001","size":10737418240,"snapshot_id":"6f1c1f5e-0000-4000-8000-000000000002","state":{{"state":"detached"}},"time_created":"2020-01-01T00:00:00Z","time_modified":"2020-01-02T03:04:05Z"}}"#);
    let items: Vec<String> = (0..10_000).map(disk).collect();
    let page = format!(r#"{{"items":[{}],"next_page":"token"}}"#, items.join(","));
    let mut times = Vec::new();
    for _ in 0..25 {
        let started = Instant::now();
        let decoded: DiskResultsPage = serde_json::from_str(&page).expect("decodes");
        times.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!(decoded.items.len(), 10_000);
    }
    times.sort_by(f64::total_cmp);
    println!("DECODE median {:.2} ms min {:.2} max {:.2} ({} KiB)", times[12], times[0], times[24], page.len() / 1024);
}
