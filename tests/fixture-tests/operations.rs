#![cfg(test)]
//! Run inside the crate generated from `tests/fixtures/operations.yaml` (copied there by
//! `tests/tests/fixtures_compile.rs`): a plain spec, no Voximplant extensions, against a local
//! mock server: methods, path/query/header parameters, JSON bodies, typed per-status errors.

use fixture_operations::*;
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).auth(Auth::bearer("t0ken")).retry(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn parameters_bodies_and_replies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("ids", "1,2"))
        .and(header("x-trace", "abc"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"name":"Rex"}]"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(serde_json::json!({"name": "Tom"})))
        .respond_with(ResponseTemplate::new(201).set_body_string(r#"{"name":"Tom"}"#))
        .mount(&server)
        .await;
    let c = client(&server);
    let pets = c.get_pets(GetPetsRequest::new().ids([1, 2]).x_trace("abc").tags(["a", "b"])).await.unwrap();
    assert_eq!(pets, vec![Pet::new("Rex")]);
    let created = c.create_pet(CreatePetRequest::new(Pet::new("Tom"))).await.unwrap();
    assert_eq!(created.name, "Tom");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.query(), Some("tags=a&tags=b&ids=1%2C2"));
}

#[tokio::test]
async fn documented_errors_are_typed_by_status() {
    let server = MockServer::start().await;
    let reply = |status: u16, body: &str| ResponseTemplate::new(status).set_body_string(body.to_owned());
    Mock::given(path("/pets/a")).respond_with(reply(404, r#"{"code":7,"message":"no pet"}"#)).mount(&server).await;
    Mock::given(path("/pets/b")).respond_with(reply(503, r#"{"retry_in":3}"#)).mount(&server).await;
    Mock::given(path("/pets/c")).respond_with(reply(409, r#"{"code":9}"#)).mount(&server).await;
    Mock::given(path("/pets/d")).respond_with(reply(418, "teapot")).mount(&server).await;
    let c = client(&server);
    let error = |id: &str| c.delete_pet(DeletePetRequest::new(id.to_owned()));

    let e = error("a").await.unwrap_err();
    assert!(matches!(DeletePetError::from_error(&e), Some(DeletePetError::Status404(p)) if p.code == Some(7)), "{e:?}");
    let e = error("b").await.unwrap_err();
    assert!(matches!(DeletePetError::from_error(&e), Some(DeletePetError::Status5xx(s)) if s.retry_in == Some(3)));
    assert!(e.is_retryable());
    let e = error("c").await.unwrap_err();
    assert!(matches!(DeletePetError::from_error(&e), Some(DeletePetError::Default(p)) if p.code == Some(9)));
    // Not the documented shape: a plain HTTP error with the body excerpt.
    let e = error("d").await.unwrap_err();
    assert!(matches!(&e, Error::Http { status, body } if *status == 418 && body == "teapot"), "{e:?}");
    assert!(DeletePetError::from_error(&e).is_none());
}

#[test]
fn optional_nullable_fields_tell_absent_from_null() {
    let absent = serde_json::to_value(Pet::new("Tom")).unwrap();
    assert_eq!(absent, serde_json::json!({"name": "Tom"}));
    let null = serde_json::to_value(Pet::new("Tom").nickname(None)).unwrap();
    assert_eq!(null, serde_json::json!({"name": "Tom", "nickname": null}));
    let named = serde_json::to_value(Pet::new("Tom").nickname(Some("T".into()))).unwrap();
    assert_eq!(named, serde_json::json!({"name": "Tom", "nickname": "T"}));
    let decoded: Pet = serde_json::from_str(r#"{"name":"Tom","nickname":null,"born":"2020-01-02T03:04:05Z"}"#).unwrap();
    assert_eq!(decoded.nickname, Some(None));
    assert_eq!(decoded.born.map(|born| born.year()), Some(2020));
    let absent: Pet = serde_json::from_str(r#"{"name":"Tom"}"#).unwrap();
    assert_eq!(absent.nickname, None);
    assert!(serde_json::from_str::<Pet>(r#"{"nickname":"T"}"#).unwrap_err().to_string().contains("missing field `name`"));
}

#[tokio::test]
async fn api_keys_travel_where_their_scheme_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("x-api-key", "k3y"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("cookie", "SESSION=s3ss"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"name":"Rex"}]"#))
        .mount(&server)
        .await;
    let with = |auth: Auth| Client::builder().base_url(server.uri()).auth(auth).build().unwrap();
    let none = with(Auth::key("k3y")).get_pets(GetPetsRequest::new()).await.unwrap();
    assert!(none.is_empty());
    let pets = with(Auth::session("s3ss")).get_pets(GetPetsRequest::new()).await.unwrap();
    assert_eq!(pets.len(), 1);
    // The cookie is a secret: `Debug` of the client never shows it.
    assert!(!format!("{:?}", with(Auth::session("s3ss"))).contains("s3ss"));
}

#[tokio::test]
async fn paths_the_spec_got_wrong_still_reach_their_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/search"))
        .and(query_param("kind", "pet"))
        .and(query_param("sort", "name asc"))
        .and(query_param("q", "rex"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/owners/ann%2Fbob/pets/7")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let c = client(&server);
    c.search_pets(SearchPetsRequest::new("rex")).await.expect("the query written into the path is sent");
    // `ownerId` is named by the template only: a required string; the stray `stray` is gone.
    c.get_owned_pet(GetOwnedPetRequest::new("ann/bob", 7)).await.expect("the undeclared variable is filled in");
    Mock::given(method("GET")).and(path("/twins/a%20b/copy/a%20b")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    c.get_twins(GetTwinsRequest::new("a b")).await.expect("one value fills both places");
}

#[tokio::test]
async fn one_name_in_several_places_gets_the_place_in_its_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tags/7"))
        .and(query_param("id", "q"))
        .and(header("Id", "h"))
        .and(query_param("created<", "2024"))
        .and(query_param("created>=", "2023"))
        .and(body_string("id=f"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let request =
        RenameTagRequest::new(7, "f").id_query("q").id_header("h").created_lt("2024").created_gte("2023");
    client(&server).rename_tag(request).await.expect("every value reaches its place");
}

#[tokio::test]
async fn a_success_without_a_body_beside_one_with_a_body_is_none() {
    let server = MockServer::start().await;
    let c = client(&server);
    let guard = Mock::given(path("/pets/7/cooldown")).respond_with(ResponseTemplate::new(204)).mount_as_scoped(&server).await;
    assert_eq!(c.get_cooldown(GetCooldownRequest::new(7)).await.expect("204 is a documented success"), None);
    drop(guard);
    Mock::given(path("/pets/7/cooldown"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"name": "rex"})))
        .mount(&server)
        .await;
    let pet = c.get_cooldown(GetCooldownRequest::new(7)).await.expect("200 has a body").expect("some pet");
    assert_eq!(pet.name, "rex");
    let guard = Mock::given(path("/pets/adopt")).respond_with(ResponseTemplate::new(200)).mount_as_scoped(&server).await;
    assert_eq!(c.adopt_pet(AdoptPetRequest::new()).await.expect("200 has no body"), None);
    drop(guard);
    Mock::given(path("/pets/adopt"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"name": "max"})))
        .mount(&server)
        .await;
    let pet = c.adopt_pet(AdoptPetRequest::new()).await.expect("201 has a body").expect("the adopted pet");
    assert_eq!(pet.name, "max");
}

#[tokio::test]
async fn a_fragment_in_the_path_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .and(header("X-Amz-Target", "Svc.GetThing"))
        .and(query_param("Action", "GetThing"))
        .and(query_param("Version", "2009-04-15"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/"))
        .and(header("X-Amz-Target", "Svc.PutThing"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let get = GetThingRequest::new(GetThingXAmzTarget::SvcGetThing, GetThingAction::GetThing);
    c.get_thing(get.version(GetThingVersion::V20090415)).await.expect("sent to /");
    c.put_thing(PutThingRequest::new(PutThingXAmzTarget::SvcPutThing)).await.expect("sent to /");
}

#[tokio::test]
async fn a_reserved_expansion_keeps_slashes_but_not_a_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/projects/p-1/locations/eu/instances"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/a%3Fb%23c/instances"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    c.list_instances(ListInstancesRequest::new("projects/p-1/locations/eu")).await.expect("slashes kept");
    c.list_instances(ListInstancesRequest::new("a?b#c")).await.expect("a query or fragment stays encoded");
    assert!(c.list_instances(ListInstancesRequest::new("../admin")).await.is_err(), "dot segments are refused");
}

#[tokio::test]
async fn free_form_form_fields_go_as_json_and_lists_repeat_their_name() {
    let server = MockServer::start().await;
    let form = "Configuration=%7B%22url%22%3A%22https%3A%2F%2Fa.test%22%7D&Types=%7B%22a%22%3A1%7D&Types=x";
    Mock::given(method("POST"))
        .and(path("/sinks"))
        .and(query_param("traits", "MARKET"))
        .and(body_string(form))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let traits = CreateSinkTraits::ObjectList(vec![CreateSinkTraitsVariant1Item::Market, CreateSinkTraitsVariant1Item::Shipyard]);
    let request = CreateSinkRequest::new(serde_json::json!({"url": "https://a.test"}))
        .traits(traits)
        .types(vec![serde_json::json!({"a": 1}), serde_json::json!("x")]);
    client(&server).create_sink(request).await.expect("sent");
    let received = server.received_requests().await.expect("recorded");
    let query = received.first().and_then(|request| request.url.query()).unwrap_or_default().to_owned();
    assert_eq!(query, "traits=MARKET&traits=SHIPYARD", "one `traits` per item");
}

#[tokio::test]
async fn a_multipart_file_carries_its_name_and_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/audio")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let c = client(&server);
    let file = FilePart::new(b"ID3".to_vec()).file_name("speech.mp3").media_type("audio/mpeg");
    c.transcribe(TranscribeRequest::new(file).model("whisper")).await.expect("sent");
    // Plain bytes still do: the field's name is the file name, and no media type is sent.
    c.transcribe(TranscribeRequest::new(b"RIFF")).await.expect("sent");
    let received = server.received_requests().await.expect("recorded");
    let body = |index: usize| received.get(index).map(|request| String::from_utf8_lossy(&request.body).into_owned());
    let named = body(0).unwrap_or_default();
    assert!(named.contains(r#"name="file"; filename="speech.mp3""#), "{named}");
    assert!(named.contains("Content-Type: audio/mpeg") && named.contains("ID3") && named.contains("whisper"), "{named}");
    let plain = body(1).unwrap_or_default();
    assert!(plain.contains(r#"name="file"; filename="file""#) && !plain.contains("audio/mpeg"), "{plain}");
    assert!(format!("{:?}", FilePart::new(vec![0; 5])).contains("bytes: 5"), "the bytes are counted, not shown");
    // Text converts as before files had names.
    c.transcribe(TranscribeRequest::new("plain text")).await.expect("sent");
}

#[tokio::test]
async fn a_list_of_files_sends_one_part_per_file() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/albums")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let c = client(&server);
    let photos = [FilePart::new(b"one".to_vec()).file_name("1.jpg"), FilePart::new(b"two".to_vec()).file_name("2.jpg")];
    let cover = FilePart::new(b"front".to_vec()).file_name("cover.png").media_type("image/png");
    c.upload_album(UploadAlbumRequest::new(photos, cover)).await.expect("sent");
    let received = server.received_requests().await.expect("recorded");
    let body = String::from_utf8_lossy(&received[0].body).into_owned();
    assert_eq!(body.matches(r#"name="photos""#).count(), 2, "{body}");
    assert!(body.contains(r#"name="photos"; filename="1.jpg""#) && body.contains("two"), "{body}");
    assert!(body.contains(r#"name="cover"; filename="cover.png""#) && body.contains("image/png"), "{body}");
}

#[tokio::test]
async fn label_and_matrix_path_styles() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/labels/.red.dark%20blue/;matrix=7")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let c = client(&server);
    c.get_styled(GetStyledRequest::new(["red", "dark blue"], 7)).await.expect("label and matrix expansions");
}

#[tokio::test]
async fn a_reply_the_spec_allows_to_be_null_is_none() {
    let server = MockServer::start().await;
    let c = client(&server);
    let none = Mock::given(path("/pets/best")).respond_with(ResponseTemplate::new(200).set_body_string("null"));
    let guard = none.mount_as_scoped(&server).await;
    assert_eq!(c.best_pet(BestPetRequest::new()).await.expect("null is a valid reply"), None);
    drop(guard);
    Mock::given(path("/pets/best"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"name":"Rex"}"#))
        .mount(&server)
        .await;
    assert_eq!(c.best_pet(BestPetRequest::new()).await.expect("a pet"), Some(Pet::new("Rex")));
}
