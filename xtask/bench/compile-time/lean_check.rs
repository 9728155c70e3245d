use nexus_ours::types::DiskResultsPage;

#[test]
fn dump() {
    let disk = |extra: &str| format!(r#"{{"block_size":512,"description":"d","device_path":"/x","id":"i",{extra}"name":"n","project_id":"p","size":1024,"state":{{"state":"detached"}},"time_created":"2020-01-01T00:00:00Z","time_modified":"2020-01-01T00:00:00Z","unknown":[1,{{"a":2}}]}}"#);
    let cases = vec![
        format!(r#"{{"items":[{}],"next_page":null}}"#, disk(r#""image_id":null,"#)),
        format!(r#"{{"items":[{}]}}"#, disk("")),
        format!(r#"{{"items":[{}],"next_page":"t"}}"#, disk(r#""image_id":"img","snapshot_id":null,"#)),
        r#"{"items":[{"block_size":512}]}"#.to_string(),
        r#"{"items":[{"block_size":"x"}]}"#.to_string(),
        r#"{"items":[]"#.to_string(),
        r#"[[]]"#.to_string(),
    ];
    for case in cases {
        match serde_json::from_str::<DiskResultsPage>(&case) {
            Ok(value) => println!("OK {value:?}"),
            Err(error) => println!("ERR {error}"),
        }
    }
}
