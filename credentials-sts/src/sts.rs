//! The one place this crate names the generated STS client (the `tencentcloud-sdk-sts` crate).

pub(crate) use tencentcloud_sdk_sts::v20180813 as api;
