//! The one place this crate names the generated STS client, so a change of the generated
//! layout (one crate per service) is a change of this line.

pub(crate) use tencentcloud_sdk::sts::v20180813 as api;
