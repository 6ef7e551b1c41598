# Hand-written annotations: what a careful human reader sees on each page (after trimming).
# Page member rows exclude the common parameters Action / Version / Region.
# inputs: (name, type as printed on the page, required as printed: "Yes"/"No"/"是"/"否"/None when the column is empty)
# outputs: (name, type as printed on the page)
# rate_limit: number per second as stated on the page (None if absent)
# error_codes: codes in the page's error-code table (after trimming)
# examples_shown: complete request+response examples left on the page (after trimming)
# page_domain: the API domain the page states (None if none)

M = {}

def add(stem, url_note=None, **kw):
    M[stem] = kw

GCI_OUT = [("Arn", "String"), ("AccountId", "String"), ("UserId", "String"),
           ("PrincipalId", "String"), ("Type", "String"), ("RequestId", "String")]

# ---------------- zh pages (China site) ----------------
add("hai.2023-08-12.DescribeInstances.zh", site="cn", layout="zh pipe rows (no leading |)",
    inputs=[("InstanceIds.N", "Array of String", "否"), ("Filters.N", "Array of Filter", "否"),
            ("Offset", "Integer", "否"), ("Limit", "Integer", "否")],
    outputs=[("TotalCount", "Integer"), ("InstanceSet", "Array of Instance"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="hai.tencentcloudapi.com",
    trimmed="cut right before '示例1 查看指定实例hai-jklfaded的信息' (example 1 was cut off by the store); '4. 示例' heading kept with no example under it",
    notes="cloud.tencent.com.cn mirror; no breadcrumb/banner, starts at '1. 接口描述'. Description is a single short line '查询实例'. 示例值 inline in the description cell.")

add("sts.2018-08-13.GetCallerIdentity.zh", site="cn", layout="zh space-separated cells, required column empty, descriptions continue on following lines (示例值: ...)",
    inputs=[], outputs=GCI_OUT, rate_limit=20, error_codes=[], examples_shown=0, page_domain="sts.tencentcloudapi.com",
    trimmed="cut right before '示例1 使用子账号长期密钥调用' (example cut off by the store)",
    notes="Header row '参数名称 必选 类型 描述' but rows are 'Action String 公共参数,...' i.e. the 必选 cell is empty (rendered nothing). Starts with banner '有奖捉虫:办公协同&微信生态&物联网文档专题 HOT' and breadcrumb '文档中心 > API 中心 > 安全凭证服务 > STS相关接口 > 获取当前调用者的身份信息'. Multi-line cells: 'UserId String 身份标识。' followed by lines '1. 调用者是云账号时...', '2. ...', '3. ...', '示例值:...' (numbered lines inside a cell look like section headings!).")

add("sts.2018-08-13.GetCallerIdentity.zh.2", site="cn", layout="zh pipe rows (no leading |)",
    inputs=[], outputs=GCI_OUT, rate_limit=20, error_codes=[], examples_shown=0, page_domain="sts.tencentcloudapi.com",
    trimmed="cut right before '示例1 使用子账号长期密钥调用' (example cut off by the store)",
    notes="cloud.tencent.com.cn mirror of the same page as .zh; input table has only the three common params.")

add("tcb.2018-06-08.DescribePostpayFreeQuotas.zh", site="cn", layout="zh pipe rows (no leading |); GET URL example (trimmed away)",
    inputs=[("EnvId", "String", "是")],
    outputs=[("FreequotaInfoList", "Array of FreequotaInfo"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="tcb.tencentcloudapi.com",
    trimmed="cut right before '示例1 查询免费量'; the example was a GET URL ('https://tcb.tencentcloudapi.com/?Action=DescribePostpayFreeQuotas\\n&EnvId=tnt-j715s5gda\\n&<公共请求参数>') whose output was cut off by the store",
    notes="cloud.tencent.cn mirror. The action is NOT in tccli 3.1.189.1 any more (removed from the definitions) -> page_vs_definitions reports action_missing.")

add("postgres.2017-03-12.DescribeDBInstanceAttribute.zh", site="cn", layout="zh pipe rows WITH leading '| ' and trailing '| ' + space; whitespace-only lines around the API Explorer block",
    inputs=[("DBInstanceId", "String", "是")],
    outputs=[("DBInstance", "DBInstance"), ("RequestId", "String")],
    rate_limit=1000, error_codes=[], examples_shown=0, page_domain="postgres.tencentcloudapi.com",
    trimmed="cut right before '示例1 查询实例的详细信息' (output example cut off by the store)",
    notes="Every table row ends with '| ' (pipe + trailing space), header '| 参数名称 | 必选 | 类型 | 描述 | ' and separator '|---|---|---|---|'. Rate limit 1000次/秒. Lines of 8-16 spaces between the rate limit and '2. 输入参数' ('        2. 输入参数' is indented by 8 spaces). In the (trimmed) example the request JSON closing brace is glued to the next label: '}输出示例'. Output type 'DBInstance' equals the member name.")

add("redis.2018-04-12.DescribeInstanceNodeInfo.zh", site="cn", layout="zh space-separated cells, required column empty, descriptions continue on following lines (示例值: / 注意:)",
    inputs=[("InstanceId", "String", None), ("Limit", "Integer", None), ("Offset", "Integer", None)],
    outputs=[("ProxyCount", "Integer"), ("Proxy", "Array of ProxyNodes"), ("RedisCount", "Integer"),
             ("Redis", "Array of RedisNodes"), ("TendisCount", "Integer"), ("Tendis", "Array of TendisNodes"),
             ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="redis.tencentcloudapi.com",
    trimmed=None,
    notes="NOT trimmed: the store cut the page inside the RequestId description ('...不会获得 RequestId)。定' - no final newline); the RequestId row itself is present. Excerpt is 1999 bytes (store cuts at <=2000 UTF-8 bytes on a char boundary). Banner '有奖:语音产品征文挑战赛火热进行中> HOT'. 注意:此字段可能返回 null on its own line marks nullable outputs.")

add("redis.2018-04-12.DescribeInstanceNodeInfo.zh.2", site="cn", layout="zh pipe rows (no leading |)",
    inputs=[("InstanceId", "String", "是"), ("Limit", "Integer", "否"), ("Offset", "Integer", "否")],
    outputs=[("ProxyCount", "Integer"), ("Proxy", "Array of ProxyNodes"), ("RedisCount", "Integer"),
             ("Redis", "Array of RedisNodes"), ("TendisCount", "Integer"), ("Tendis", "Array of TendisNodes"),
             ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="redis.tencentcloudapi.com",
    trimmed=None,
    notes="NOT trimmed: the store cut the page inside the RequestId row ('RequestId | String | 唯一请求 ID,由服务端生成,每次请求都会' - the row has no closing ' |'). Same page/URL as .zh but rendered as pipe rows (the store holds both renderings).")

add("redis.2018-04-12.DescribeProductInfo.zh", site="cn", layout="zh pipe rows (no leading |); no inputs besides common params",
    inputs=[], outputs=[("RegionSet", "Array of RegionConf"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="redis.tencentcloudapi.com",
    trimmed="cut right before '示例1 请求示例' (huge output example cut off by the store)",
    notes="Page says Region is 是 (required) while the intl page says Region is not required.")

# ---------------- en pages (international site) ----------------
add("sts.2018-08-13.GetCallerIdentity.en", site="intl", layout="en space-separated cells with section headings (1. API Description ... 3. Output Parameters); multi-line cells",
    inputs=[], outputs=GCI_OUT, rate_limit=20, error_codes=[], examples_shown=0, page_domain="sts.tencentcloudapi.com",
    trimmed=None,
    notes="NOT trimmed: the store cut the page 1 char before the end of the RequestId row ('...required for locating a problem' without the final '.'); no example left. 'Last updated: 2022-08-16'. Cell continuation lines start with '1. If the caller is...', '2. ...', '3. ...' - they look like numbered section headings.")

add("sts.2018-08-13.GetCallerIdentity.en.2", site="intl", layout="en pipe rows, NO section headings at all",
    inputs=[], outputs=GCI_OUT, rate_limit=20, error_codes=[], examples_shown=0, page_domain="sts.tencentcloudapi.com",
    trimmed="cut right before the example ('AssumeRole\\nhttps://sts.tencentcloudapi.com/?Action=GetCallerIdentity...'), whose response JSON was cut off by the store",
    notes="No '1. API Description' / '2. Input Parameters' / '3. Output Parameters' headings: the input table header directly follows the intro sentence and the output table header 'Parameter Name | Type | Description |' directly follows the last input row. The example title was reduced to the bare word 'AssumeRole' (link text) and its request was a GET URL. Description text broken around links: 'generated by AssumeRole\\nand GetFederationToken\\ncan be used'.")

add("sts.2018-08-13.GetCallerIdentity.en.3", site="intl", layout="en pipe rows with leading '|', no section headings",
    inputs=[], outputs=GCI_OUT, rate_limit=20, error_codes=[], examples_shown=0, page_domain="sts.intl.tencentcloudapi.com",
    trimmed="cut right before 'Calling this API with the persistent key of the sub-account' (example cut off by the store)",
    notes="Rows '| Action | Yes | String | ... |' and separator '|---|---|---|---|'. intl domain sts.intl.tencentcloudapi.com.")

add("region.2022-06-27.DescribeRegions.en", site="intl", layout="en space-separated cells with section headings",
    inputs=[("Product", "String", "Yes"), ("Scene", "Integer", "No")],
    outputs=[("TotalCount", "Integer"), ("RegionSet", "Array of RegionInfo"), ("RequestId", "String")],
    rate_limit=50, error_codes=[], examples_shown=0, page_domain="region.intl.tencentcloudapi.com",
    trimmed="cut right before 'Example1 Querying the List of Regions Supported by the Product'",
    notes="Title and 'last updated' line duplicated: 'DescribeRegions\\n最后更新时间:2025-10-30 21:54:03\\nDescribeRegions\\n最后更新时间: 2025-10-30 21:54:03' (zh UI chrome around an en page). Found under the CVM product path (213/15708) but it documents the region service. Region common param: 'Region No String Common Params. This parameter is not required.'")

add("trocket.2023-03-08.DeleteTopic.en", site="intl", layout="en space-separated cells with section headings; output table has only RequestId",
    inputs=[("InstanceId", "String", "Yes"), ("Topic", "String", "Yes")],
    outputs=[("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=0,
    page_domain="trocket.intl.tencentcloudapi.com",
    trimmed="cut right before 'Example1 Deleting a Topic'",
    notes="'Last updated: 2025-12-02'; title/updated line duplicated.")

add("cls.2020-10-16.CreateLogset.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("LogsetName", "String", "Yes"), ("Tags.N", "Array of Tag", "No")],
    outputs=[("LogsetId", "String"), ("RequestId", "String")], rate_limit=20,
    error_codes=["AuthFailure", "FailedOperation"], examples_shown=1, page_domain="cls.tencentcloudapi.com",
    trimmed="cut right before the error-code row 'FailedOperation.LogsetConflict | ' (cut off by the store); the error table keeps 2 complete rows but the real page has more",
    notes="Example has no 'Example1'/'Input Example'/'Output Example' labels: description line, then raw 'POST / HTTP/1.1' request, request JSON, then response JSON directly.")

add("cls.2020-10-16.CreateLogset.en.2", site="intl", layout="en indented tables (whole body indented by 4 spaces), space-separated cells",
    inputs=[("LogsetName", "String", "Yes"), ("Tags.N", "Array of Tag", "No")],
    outputs=[("LogsetId", "String"), ("RequestId", "String")], rate_limit=20,
    error_codes=[], examples_shown=0, page_domain="cls.tencentcloudapi.com",
    trimmed="cut right before '    Example1 Creating a Logset' (example cut off by the store)",
    notes="'最后更新时间:2024-04-15'. Every line of the body, headings included, is indented by 4 spaces ('    2. Input Parameters').")

add("cdn.2018-06-06.SearchClsLog.en", site="intl", layout="en pipe rows, no section headings; GET URL example (trimmed away)",
    inputs=[("LogsetId", "String", "Yes"), ("TopicIds", "String", "Yes"), ("StartTime", "Timestamp", "Yes"),
            ("EndTime", "Timestamp", "Yes"), ("Limit", "Integer", "Yes"), ("Channel", "String", "No"),
            ("Query", "String", "No"), ("Context", "String", "No"), ("Sort", "String", "No")],
    outputs=[("Logs", "ClsSearchLogs"), ("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=0,
    page_domain="cdn.tencentcloudapi.com",
    trimmed="cut right before 'https://cdn.tencentcloudapi' (GET URL example cut off by the store)",
    notes="Page type 'Timestamp' for StartTime/EndTime. A description contains a bracketed URL '[https://www.tencentcloud.com/document/product/614/16982?from_cn_redirect=1]'.")

add("vpc.2017-03-12.DeleteVpc.en", site="intl", layout="en space-separated cells with section headings; GET URL example",
    inputs=[("VpcId", "String", "Yes")], outputs=[("RequestId", "String")], rate_limit=100,
    error_codes=[], examples_shown=1, page_domain="vpc.tencentcloudapi.com",
    trimmed="cut right before '5. Developer Resources' (SDK section cut off by the store)",
    notes="'Last updated: 2023-07-11'. Input Example is a GET URL: 'https://vpc.tencentcloudapi.com/?Action=DeleteVpc\\n&VpcId=vpc-g69ed0kj\\n&<Common request parameters>'. API description has '  • ' bullets.")

add("ssl.2019-12-05.DeleteCertificate.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("CertificateId", "String", "Yes"), ("IsCheckResource", "Boolean", "No")],
    outputs=[("DeleteResult", "Boolean"), ("TaskId", "String"), ("RequestId", "String")], rate_limit=10,
    error_codes=[], examples_shown=1, page_domain="ssl.intl.tencentcloudapi.com",
    trimmed="cut right before the second 'POST / HTTP/1.1' (example 2 cut off by the store); example 1 (request + response) kept",
    notes="Two examples on the page, no labels between them; the second was cut.")

add("dnspod.2021-03-23.DeleteDomain.en", site="intl", layout="en pipe rows, no section headings; two examples",
    inputs=[("Domain", "String", "Yes"), ("DomainId", "Integer", "No")],
    outputs=[("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=2,
    page_domain="dnspod.tencentcloudapi.com",
    trimmed="cut right before the first error-code row 'FailedOperation.DomainIsKeyDomain | ...' (cut off by the store); error table left with header + separator only",
    notes="Example titles are reduced to bare domain names: 'dnspod.com' and 'iceice.club' on their own lines before each 'POST / HTTP/1.1'.")

add("dnspod.2021-03-23.DeleteDomainBatch.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("DomainList.N", "Array of String", "Yes")],
    outputs=[("JobId", "Integer"), ("DetailList", "Array of DeleteDomainBatchDetail"), ("RequestId", "String")],
    rate_limit=20, error_codes=["FailedOperation.UnknowError", "InvalidParameter.BatchRecordRemoveActionError", "InvalidParameter.DomainIdInvalid"],
    examples_shown=1, page_domain="dnspod.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InvalidPara' (cut off by the store)",
    notes="")

add("vod.2018-07-17.DeleteAigcApiToken.en", site="intl", layout="en pipe rows with leading '|', no section headings",
    inputs=[("SubAppId", "Integer", "Yes"), ("ApiToken", "String", "Yes")],
    outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["FailedOperation.DBError", "InvalidParameterValue"], examples_shown=1,
    page_domain="vod.intl.tencentcloudapi.com",
    trimmed="cut right before the partial error row '| ResourceNotFound.UserNotExist | The user does not' (cut off by the store)",
    notes="Description is just 'Delete an AIGC API Token.' (no 'This API is used to').")

add("vod.2018-07-17.DescribeAigcQuotas.en", site="intl", layout="en pipe rows with leading '|', no section headings; one row split over two lines",
    inputs=[("SubAppId", "Integer", "Yes"), ("QuotaType", "String", "Yes"), ("ApiToken", "String", "No"),
            ("Limit", "Integer", "No"), ("Offset", "Integer", "No")],
    outputs=[("QuotaSet", "Array of AigcQuotaItem"), ("TotalCount", "Integer"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="vod.intl.tencentcloudapi.com",
    trimmed="cut right before 'POST / HTTP/1.1' (example cut off by the store)",
    notes="Row split: '| QuotaType | Yes | String | Quota type Enumeration value:\\n|' - the enumeration list was dropped and the closing '|' is on the next line alone.")

add("cwp.2018-02-28.DeleteLicenseRecord.en", site="intl", layout="en space-separated cells with section headings",
    inputs=[("LicenseId", "Integer", "Yes"), ("LicenseType", "Integer", "Yes"), ("ResourceId", "String", "Yes")],
    outputs=[("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=1,
    page_domain="cwp.tencentcloudapi.com",
    trimmed="cut right before '5. Developer Resources' (SDK section cut off by the store)",
    notes="'Last updated: 2024-08-27'. Example title is literally 'Example1 Example'.")

add("billing.2018-07-09.DeleteAllocationTag.en", site="intl", layout="en each cell on its own line ('| Name |' / 'Yes |' / 'String |' / 'desc |'); '2. Input Parameters' heading missing",
    inputs=[("TagKey.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=[], examples_shown=1, page_domain="billing.intl.tencentcloudapi.com",
    trimmed="cut right before '6. Error Code' (error table cut off by the store inside its header)",
    notes="Description starts with the literal text 'u200c' (a zero-width non-joiner whose backslash was lost): 'u200cThis API is used to batch cancel cost allocation tags.'. Each row is 4 lines: '| TagKey.N |', 'Yes |', 'Array of String |', 'Cost allocation tag key |'. No '|---|' separator lines. Headings 1,3,4,5 present but '2. Input Parameters' is missing; example has 'Output Example' but no 'Input Example' label.")

add("cam.2019-01-16.DeleteUser.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("Name", "String", "Yes"), ("Force", "Integer", "No")], outputs=[("RequestId", "String")],
    rate_limit=20, error_codes=["AuthFailure.UnauthorizedOperation", "FailedOperation"], examples_shown=1,
    page_domain="cam.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'OperationDenied.H' (cut off by the store)",
    notes="Inline code spans rendered with spaces around them: 'default input parameter is 0 . 0 : do not delete'.")

add("cam.2019-01-16.DeleteUser.en.2", site="intl", layout="en each cell on its own line; '2. Input Parameters' heading missing",
    inputs=[("Name", "String", "Yes"), ("Force", "Integer", "No")], outputs=[("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=1, page_domain="cam.intl.tencentcloudapi.com",
    trimmed="cut right before '5. Developer Resources' (cut off by the store)",
    notes="tencentcloud.website mirror. Same cell-per-line structure as billing; example has 'Output Example' label but no 'Input Example' label.")

add("dlc.2021-01-25.DeleteUser.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("UserIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["FailedOperation", "FailedOperation.GetUserInfoFailed", "FailedOperation.RevokePolicyFailed",
                 "InternalError", "InvalidParameter.InvalidUserName"],
    examples_shown=1, page_domain="dlc.tencentcloudapi.com",
    trimmed="cut right before the error row 'ResourcesSoldOut.UnauthorizedRevokePolicy | There is no permission to reclaim permissions.' which the store cut before its closing ' |' (more rows may follow on the real page)",
    notes="Example has no title/labels at all: raw 'POST / HTTP/1.1' request then response JSON.")

add("organization.2021-03-31.DeleteUser.en", site="intl", layout="en pipe rows, no section headings",
    inputs=[("ZoneId", "String", "Yes"), ("UserId", "String", "Yes")], outputs=[("RequestId", "String")],
    rate_limit=20,
    error_codes=["FailedOperation.IdentityCenterNotOpen", "FailedOperation.RoleConfigurationAuthorizationExist",
                 "FailedOperation.SynchronizedUserNotDelete", "FailedOperation.UserProvisioningExists"],
    examples_shown=1, page_domain="organization.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'FailedOperation.ZoneIdNotExist | The user zoneId of the C' (cut off by the store)",
    notes="")

add("cvm.2017-03-12.DescribeZones.en", site="intl", layout="en indented tables (body indented by 4 spaces), space-separated cells; no inputs besides common params",
    inputs=[], outputs=[("TotalCount", "Integer"), ("ZoneSet", "Array of ZoneInfo"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="cvm.intl.tencentcloudapi.com",
    trimmed="cut right before '    Example1 Querying the Chinese name of an availability zone' (example cut off by the store)",
    notes="Japanese UI chrome ('フィードバック', '最終更新日:2024-11-27 10:20:01') around an English page.")

add("cvm.2017-03-12.StartInstances.en", site="intl", layout="older (2018) en page: pipe rows WITH section headings, 'Contents:' line, no example section (4. Error Codes follows 3. Output Parameters)",
    inputs=[("InstanceIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=10,
    error_codes=[], examples_shown=0, page_domain="cvm.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InternalSer' (cut off by the store); error table left with header + separator only",
    notes="'Last updated: 2018-10-12 16:02:28'. Domain line has no trailing period: 'Domain name for API request: cvm.tencentcloudapi.com'. Description bullets mangled around inline code: '- This operation is only allowed for the instances with a status of\\nSTOPPED\\n. - When the API is called successfully, the instance goes into the\\nSTARTING\\nstatus. When started, it goes into theRUNNING\\nstatus.'. 'Common parameter. The value used for this API: StartInstances |' (no final period). Finance-region note line present.")

add("cvm.2017-03-12.StartInstances.en.2", site="intl", layout="en pipe rows, no section headings; rate limit glued to previous text; GET example",
    inputs=[("InstanceIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=10,
    error_codes=[], examples_shown=1, page_domain="cvm.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InternalServerError | Internal ' (cut off by the store); error table left with header + separator only",
    notes="Glued: 'when the instance is successfully started.A maximum of 10 requests can be initiated per second for this API.' Description lost its bullets: 'STOPPED\\n.STARTING\\nwhen the API is called...'. Example request line starts with the method: 'GET https://cvm.tencentcloudapi.com/?Action=StartInstances\\n&InstanceIds.0=ins-r8hr2upy\\n&InstanceIds.1=ins-5d8a23rs\\n&<Common request parameters>'. Older wording 'Common parameter.' and the finance-region note.")

add("cvm.2017-03-12.StartInstances.en.3", site="intl", layout="en pipe rows, no section headings; rate limit glued to previous text; GET example",
    inputs=[("InstanceIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=10,
    error_codes=["InternalServerError", "InvalidInstance.NotSupported"], examples_shown=1,
    page_domain="cvm.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InvalidInstance' (cut off by the store)",
    notes="Newer wording ('Common Params.', long RequestId text) of the same page as .en.2; same glued rate limit.")

add("cbs.2017-03-12.DeleteSnapshots.en", site="intl", layout="en pipe rows, no section headings; rate limit glued to previous text",
    inputs=[("SnapshotIds.N", "Array of String", "Yes"), ("DeleteBindImages", "Boolean", "No")],
    outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["InvalidParameterValue", "InvalidSnapshot.NotSupported"], examples_shown=1,
    page_domain="cbs.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InvalidSnapshotId.NotFound | The ‘SnapshotId’ entered' (cut off by the store)",
    notes="Glued: 'check the SnapshotState\\nfield in the response.A maximum of 20 requests can be initiated per second for this API.' Description starts mid-sentence with 'NORMAL\\nstate can be deleted.' (the bullet text before the inline code was dropped).")

add("cbs.2017-03-12.DeleteAutoSnapshotPolicies.en", site="intl", layout="en each cell on its own line; '2. Input Parameters' heading missing; mangled GET URL example",
    inputs=[("AutoSnapshotPolicyIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=1, page_domain="cbs.tencentcloudapi.com",
    trimmed="cut right before '6. Error Code' (error table cut off by the store)",
    notes="The GET URL lost its host/path: the request is 'https:\\n&AutoSnapshotPolicyIds.0=asp-mrsrn243\\n&AutoSnapshotPolicyIds.1=asp-3lpl7ev3\\n&<Common request parameters>' (no '?Action=' line) and there is no 'Input Example' label; 'Output Example' + JSON follows. Counted as 1 example (request visibly damaged).")

add("cbs.2017-03-12.DeleteAutoSnapshotPolicies.en.2", site="intl", layout="en space-separated cells with section headings; GET URL example",
    inputs=[("AutoSnapshotPolicyIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=1, page_domain="cbs.tencentcloudapi.com",
    trimmed="cut right before '5. Developer Resources' (cut off by the store)",
    notes="'Last updated: 2023-06-21'. Intact GET URL example 'https://cbs.tencentcloudapi.com/?Action=DeleteAutoSnapshotPolicies\\n&AutoSnapshotPolicyIds.0=...'.")

add("ecm.2019-07-19.DeleteSnapshots.en", site="intl", layout="en pipe rows, no section headings; rate limit glued; GET URL example",
    inputs=[("SnapshotIds.N", "Array of String", "Yes"), ("DeleteBindImages", "Boolean", "No")],
    outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["InvalidParameterValue", "InvalidParameterValue.InvalidSnapshot", "InvalidParameterValue.InvalidSnapshotId",
                 "MissingParameter", "ResourceInUse"],
    examples_shown=1, page_domain="ecm.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'Un' (cut off by the store)",
    notes="Same glued rate limit as cbs ('field in the response.A maximum of 20 requests...'). Two error rows use the code itself as description.")

add("lighthouse.2020-03-24.DeleteSnapshots.en", site="intl", layout="en pipe rows with leading '|', no section headings; GET URL example",
    inputs=[("SnapshotIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["FailedOperation.DeleteResourcesFailed", "FailedOperation.RequestError", "FailedOperation.SnapshotOperationFailed"],
    examples_shown=1, page_domain="lighthouse.intl.tencentcloudapi.com",
    trimmed="cut right before the partial error row '| InternalError.R' (cut off by the store)",
    notes="Error row with an EMPTY description: '| FailedOperation.DeleteResourcesFailed | |'.")

add("tcss.2020-11-01.DescribeImageRiskTendency.en", site="intl", layout="en pipe rows, no section headings; GET URL example",
    inputs=[("StartTime", "Date", "Yes"), ("EndTime", "Date", "Yes")],
    outputs=[("ImageRiskTendencySet", "Array of ImageRiskTendencyInfo"), ("RequestId", "String")], rate_limit=20,
    error_codes=["InternalError", "InvalidParameter", "InvalidParameter.InvalidFormat", "InvalidParameter.MissingParameter"],
    examples_shown=1, page_domain="tcss.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'InvalidParameter.ParsingError | A parameter pa' (cut off by the store)",
    notes="Page type 'Date' for StartTime/EndTime.")

add("tat.2020-10-28.DeleteRegisterCodes.en", site="intl", layout="en pipe rows with leading '|', no section headings",
    inputs=[("RegisterCodeIds.N", "Array of String", "Yes")], outputs=[("RequestId", "String")], rate_limit=20,
    error_codes=["InvalidParameterValue.InvalidRegisterCodeId"], examples_shown=1,
    page_domain="tat.intl.tencentcloudapi.com",
    trimmed="cut right before the partial error row '| InvalidParam' (cut off by the store)",
    notes="")

add("tse.2020-12-07.DeleteCloudNativeAPIGatewayRouteRateLimit.en", site="intl", layout="en space-separated cells with section headings; a cell continues on the next line",
    inputs=[("GatewayId", "String", "Yes"), ("Id", "String", "Yes")], outputs=[("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="tse.intl.tencentcloudapi.com",
    trimmed="cut right before 'Example1 Deleting a Cloud-Native Gateway Traffic Throttling Plugin (Route)'",
    notes="'最后更新时间: 2026-05-08' (zh UI chrome). Continuation line of the 'Id' cell: '\"Unnamed\" is not supported.' (starts with a quote).")

add("scf.2018-04-16.CreateNamespace.en", site="intl", layout="en pipe rows with leading '|', no section headings; a row with a MISSING description cell",
    inputs=[("Namespace", "String", "Yes"), ("Description", "String", "No"), ("ResourceEnv", "NamespaceResourceEnv", "No")],
    outputs=[("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=1,
    page_domain="scf.intl.tencentcloudapi.com",
    trimmed="cut right before '| Error Code | Descr' (error table header cut off by the store)",
    notes="'| ResourceEnv | No | NamespaceResourceEnv |' has only 3 cells (description empty/missing). Region cell lists supported regions ('This API only supports: ap-bangkok, ...'). A member literally named 'Description'.")

add("scf.2018-04-16.Invoke.en", site="intl", layout="older en layout: 'API request domain name: ...' + 'Default API request frequency limit: 20 times/second.', pipe rows with headings, GET URL example",
    inputs=[("FunctionName", "String", "Yes"), ("InvocationType", "String", "No"), ("Qualifier", "String", "No"),
            ("ClientContext", "String", "No"), ("LogType", "String", "No"), ("Namespace", "String", "No")],
    outputs=[("Result", "Result"), ("RequestId", "String")], rate_limit=20, error_codes=[], examples_shown=1,
    page_domain="scf.tencentcloudapi.com",
    trimmed="cut right before '5. Developer Resources' (cut off by the store)",
    notes="Oldest wording seen: 'API request domain name: scf.tencentcloudapi.com.', 'Default API request frequency limit: 20 times/second.', 'Common parameter; the name of this API: Invoke |', header 'Parameter name | Required | Type | Description |' (lower-case 'name'), '4. Sample' / 'Input Sample Code' / 'Output Sample Code'. 'LogType | No | String | |' has an empty description. Output type 'Result' equals the member name. Page is older than the definitions (RoutingKey etc. missing).")

add("apigateway.2018-08-08.DeleteApiKey.en", site="intl", layout="en pipe rows, no section headings; GET URL example",
    inputs=[("AccessKeyId", "String", "Yes")], outputs=[("Result", "Boolean"), ("RequestId", "String")],
    rate_limit=20, error_codes=["InvalidParameterValue.InvalidRegion", "ResourceNotFound.InvalidAccessKeyId", "UnsupportedOperation.InvalidStatus"],
    examples_shown=1, page_domain="apigateway.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'UnsupportedOperation.ResourceIsInUse | The key has already been bound to a us' (cut off by the store)",
    notes="GET example without method: 'https://apigateway.tencentcloudapi.com/?Action=DeleteApiKey\\n&AccessKeyId=...\\n&<Common request parameters>'.")

add("apigateway.2018-08-08.DeleteApiKey.en.2", site="intl", layout="older en pipe rows ('Common parameter.'), no section headings; GET URL example; finance-region note",
    inputs=[("AccessKeyId", "String", "Yes")], outputs=[("Result", "Boolean"), ("RequestId", "String")],
    rate_limit=20, error_codes=["ResourceNotFound.InvalidAccessKeyId", "UnsupportedOperation.InvalidStatus"],
    examples_shown=1, page_domain="apigateway.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'UnsupportedOperation.ResourceIsInUse | ' (cut off by the store)",
    notes="Older snapshot of the same page as .en (intl.cloud.tencent.com): one error code fewer (no InvalidParameterValue.InvalidRegion), short RequestId text, 'Note: This API supports Finance regions...' line.")

add("redis.2018-04-12.DescribeInstanceAccount.en", site="intl", layout="en pipe rows with leading '|', no section headings",
    inputs=[("InstanceId", "String", "Yes"), ("Limit", "Integer", "Yes"), ("Offset", "Integer", "Yes")],
    outputs=[("Accounts", "Array of Account"), ("TotalCount", "Integer"), ("RequestId", "String")],
    rate_limit=20, error_codes=[], examples_shown=0, page_domain="redis.intl.tencentcloudapi.com",
    trimmed="cut right before 'This example shows you how to query the account information of a specified instance.' (GET URL example whose response was cut off by the store)",
    notes="The removed example had the response JSON glued to the URL: '&<Common request parameters>{'.")

add("redis.2018-04-12.RenewInstance.en", site="intl", layout="older en pipe rows ('Common parameter.'), no section headings; GET URL example",
    inputs=[("Period", "Integer", "Yes"), ("InstanceId", "String", "Yes")],
    outputs=[("DealId", "String"), ("RequestId", "String")], rate_limit=20,
    error_codes=["FailedOperation.SystemError", "InvalidParameter.EmptyParam", "InvalidParameter.PermissionDenied"],
    examples_shown=1, page_domain="redis.tencentcloudapi.com",
    trimmed="cut right before the partial error row 'LimitExceeded.PeriodExceedMaxLimit | The requested length of purchase ' (cut off by the store)",
    notes="Finance-region note line.")

add("dbbrain.2021-05-27.CreateProxySessionKillTask.en", site="intl", layout="older en pipe rows ('Common parameter.'), no section headings; Signature V1 note before the input table",
    inputs=[("InstanceId", "String", "Yes"), ("Product", "String", "Yes")],
    outputs=[("AsyncRequestId", "Integer"), ("RequestId", "String")], rate_limit=20, error_codes=[],
    examples_shown=1, page_domain="dbbrain.tencentcloudapi.com",
    trimmed="cut right before 'TencentCloud API 3.0 integrates SDKs ... to make it easier for you to call ' (sentence cut off by the store)",
    notes="Extra paragraph between the 'following request parameter list' sentence and the table: 'This document describes the parameters for Signature V1. It's recommended to use the V3 signature, ...'. Output member 'AsyncRequestId' ends with 'RequestId' (a naive 'row starts with RequestId' check would misfire? no - but a contains-check would). Description broken around a link: 'DescribeProxySessionKillTasks\\nas a parameter'.")

# ---------------- synthetic pages (tools/synthesize.py) ----------------
# Layouts the issue reports but no stored page shows: a real page above with one edit. Each copies
# the annotations of its source and changes what the edit changes.

def derive(stem, source, **changes):
    M[stem] = dict(M[source], **changes)

derive("hai.2023-08-12.DescribeInstances.zh.finance", "hai.2023-08-12.DescribeInstances.zh",
       site="synthetic", layout="zh pipe rows, five-column input header (允许NULL)", examples_shown=1, trimmed=None,
       notes="Finance-cloud input header '参数名称 | 必选 | 允许NULL | 类型 | 描述 |' (every row gains a 否 cell) and a GET-form example: 'Filters.0.Name', 'Filters.0.Values.0', 'InstanceIds.0', 'Offset', 'Limit'.")
derive("redis.2018-04-12.DescribeInstanceNodeInfo.zh.finance", "redis.2018-04-12.DescribeInstanceNodeInfo.zh",
       site="synthetic", layout="zh space-separated cells, five-column input header (允许NULL), flag cells empty",
       notes="Input header '参数名称 必选 允许NULL 类型 描述'; rows unchanged (both flag cells render empty).")
derive("redis.2018-04-12.DescribeInstanceNodeInfo.zh.nbsp", "redis.2018-04-12.DescribeInstanceNodeInfo.zh",
       site="synthetic", layout="zh space-separated cells with U+00A0 spaces",
       notes="U+00A0 in 'Array of ...' (3 rows), between 'InstanceId' and 'String', in the output header and after the domain label.")
derive("vpc.2017-03-12.DeleteVpc.en.bullets", "vpc.2017-03-12.DeleteVpc.en",
       site="synthetic", layout="en space-separated cells, section headings glued to a list bullet",
       notes="'  \u2022 2. Input Parameters', '  \u2022 3. Output Parameters', '  \u2022 4. Example'.")
derive("scf.2018-04-16.Invoke.en.domain", "scf.2018-04-16.Invoke.en",
       site="synthetic", layout="older en layout, 'API domain name:' with the value two lines later",
       notes="'API domain name:', a blank line, then 'scf.tencentcloudapi.com.'.")
derive("vod.2018-07-17.DeleteAigcApiToken.en.glued", "vod.2018-07-17.DeleteAigcApiToken.en",
       site="synthetic", layout="en pipe rows with leading '|', no section headings; title glued to the rate limit",
       notes="'Delete an AIGC API TokenA maximum of 20 requests can be initiated per second for this API.'")
derive("organization.2021-03-31.DeleteUser.en.glued", "organization.2021-03-31.DeleteUser.en",
       site="synthetic", layout="en pipe rows, no section headings; rate limit glued after another number",
       rate_limit=40,
       notes="'... is limited and is 20 by default.A maximum of 40 requests can be initiated per second for this API.'")
