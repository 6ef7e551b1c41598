#!/usr/bin/env python3
"""Write the synthetic pages of the corpus: layouts the issue reports from real pages but that no
stored page shows. Each is a real corpus page with one documented edit (the `synthetic` field of
its manifest entry says which); every edit must apply exactly as written, or this fails.

Run from anywhere: python3 xtask/tests/pages/tools/synthesize.py
"""
import os

PAGES = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NBSP = '\u00a0'


def edit(text, old, new, count=1):
    assert text.count(old) == count, (old, text.count(old))
    return text.replace(old, new)


def finance_pipe(t):
    # Finance-cloud pages add an "allow NULL" column to the input table.
    t = edit(t, '参数名称 | 必选 | 类型 | 描述 |\n---|---|---|---|\n',
             '参数名称 | 必选 | 允许NULL | 类型 | 描述 |\n---|---|---|---|---|\n')
    for row in ['Action | 是 |', 'Version | 是 |', 'Region | 是 |', 'InstanceIds.N | 否 |',
                'Filters.N | 否 |', 'Offset | 否 |', 'Limit | 否 |']:
        t = edit(t, row, row + ' 否 |')
    # The GET form of the request example, as older pages write it.
    return t + ('示例1 查看运行中的实例\n'
                '输入示例\n'
                'https://hai.tencentcloudapi.com/?Action=DescribeInstances\n'
                '&Filters.0.Name=instance-state\n'
                '&Filters.0.Values.0=RUNNING\n'
                '&InstanceIds.0=hai-12345678\n'
                '&Offset=0\n'
                '&Limit=10\n'
                '&<公共请求参数>\n'
                '输出示例\n'
                '{\n"Response": {\n"TotalCount": 0,\n"InstanceSet": [],\n'
                '"RequestId": "5e4bc8b3-94d1-4a4c-a7d1-7b0e4d8e3c2a"\n}\n}\n')


def finance_spaced(t):
    return edit(t, '参数名称 必选 类型 描述\nAction', '参数名称 必选 允许NULL 类型 描述\nAction')


def nbsp(t):
    t = edit(t, '接口请求域名: redis', '接口请求域名:' + NBSP + 'redis')
    t = edit(t, 'Array of ', 'Array' + NBSP + 'of' + NBSP, count=3)
    t = edit(t, 'InstanceId String', 'InstanceId' + NBSP + 'String')
    return edit(t, '参数名称 类型 描述', '参数名称' + NBSP + '类型' + NBSP + '描述')


def bullet_headings(t):
    for heading in ['2. Input Parameters', '3. Output Parameters', '4. Example']:
        t = edit(t, '\n' + heading + '\n', '\n  \u2022 ' + heading + '\n')
    return t


def domain_on_later_line(t):
    return edit(t, 'API request domain name: scf.tencentcloudapi.com.\n',
                'API domain name:\n\nscf.tencentcloudapi.com.\n')


def glued_title(t):
    return edit(t, 'Delete an AIGC API Token.\nA maximum of 20',
                'Delete an AIGC API TokenA maximum of 20')


def glued_default(t):
    return edit(t, 'This API is used to delete a user.\nA maximum of 20',
                'This API is used to delete a user. The number of users deleted per call is limited'
                ' and is 20 by default.A maximum of 40')


SYNTHETIC = [
    ('hai.2023-08-12.DescribeInstances.zh.txt', 'hai.2023-08-12.DescribeInstances.zh.finance.txt', finance_pipe),
    ('redis.2018-04-12.DescribeInstanceNodeInfo.zh.txt',
     'redis.2018-04-12.DescribeInstanceNodeInfo.zh.finance.txt', finance_spaced),
    ('redis.2018-04-12.DescribeInstanceNodeInfo.zh.txt', 'redis.2018-04-12.DescribeInstanceNodeInfo.zh.nbsp.txt', nbsp),
    ('vpc.2017-03-12.DeleteVpc.en.txt', 'vpc.2017-03-12.DeleteVpc.en.bullets.txt', bullet_headings),
    ('scf.2018-04-16.Invoke.en.txt', 'scf.2018-04-16.Invoke.en.domain.txt', domain_on_later_line),
    ('vod.2018-07-17.DeleteAigcApiToken.en.txt', 'vod.2018-07-17.DeleteAigcApiToken.en.glued.txt', glued_title),
    ('organization.2021-03-31.DeleteUser.en.txt', 'organization.2021-03-31.DeleteUser.en.glued.txt', glued_default),
]


def main():
    for source, target, change in SYNTHETIC:
        with open(os.path.join(PAGES, source), encoding='utf-8', newline='') as fh:
            text = fh.read()
        with open(os.path.join(PAGES, target), 'w', encoding='utf-8', newline='') as fh:
            fh.write(change(text))
        print(target, '<-', source)


if __name__ == '__main__':
    main()
