//! Generated types that carry credentials (database passwords, temporary secret keys and
//! tokens in DTS endpoints) print them as `<redacted>` in `Debug`, so logging a request or
//! response does not leak them; the wire form is unchanged.

use tencentcloud_sdk_dts::v20211206::DbInfo;

#[test]
fn debug_redacts_secret_members_and_serialization_keeps_them() {
    let mut db = DbInfo::default();
    db.user = Some("root".into());
    db.password = Some("hunter2-db-password".into());
    db.tmp_secret_key = Some("tmp-secret-key-value".into());
    db.tmp_token = Some("tmp-token-value".into());
    db.tmp_secret_id = Some("AKIDpublic".into());

    let shown = format!("{db:?}");
    for secret in ["hunter2-db-password", "tmp-secret-key-value", "tmp-token-value"] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
    assert!(
        shown.contains("root") && shown.contains("AKIDpublic") && shown.contains("<redacted>"),
        "{shown}"
    );

    let wire = serde_json::to_value(&db).unwrap();
    assert_eq!(wire["Password"], "hunter2-db-password");
    assert_eq!(wire["TmpToken"], "tmp-token-value");
}

#[test]
fn fixture_secret_member_is_redacted() {
    let mut filter = sdk_tests::naming_fixture::InstanceFilter::new("name");
    filter.password = Some("fixture-secret".into());
    let shown = format!("{filter:?}");
    assert!(
        !shown.contains("fixture-secret") && shown.contains("<redacted>"),
        "{shown}"
    );
}
