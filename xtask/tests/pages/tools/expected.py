#!/usr/bin/env python3
"""Compute expected.json for the Tencent Cloud API page corpus (xtask/tests/pages).

Usage: python3 xtask/tests/pages/tools/expected.py WHEELS_DIR

Inputs (relative to xtask/tests/pages/):
  manifest.json                 list of pages (file, url, service, version, action, lang, site, ...)
  *.txt                         page text (verbatim store excerpts, trimmed only where noted;
                                synthetic pages are written by tools/synthesize.py)
  tools/page_meta.py            hand annotations of what a careful reader sees on each page
                                (member rows, rate limit, error codes, examples, stated domain)
  WHEELS_DIR/tccli/...          unzipped tccli==3.1.189.1          (zh pages)
  WHEELS_DIR/tccli_intl_en/...  unzipped tccli-intl-en==3.1.193.1  (en pages)

To recreate WHEELS_DIR:
  pip download --no-deps tccli==3.1.189.1 -d wheels
  pip download --no-deps tccli-intl-en==3.1.193.1 -d wheels
  (cd wheels && mkdir -p tccli tccli_intl_en \
     && unzip -qo tccli-3.1.189.1-*.whl -d tccli \
     && unzip -qo tccli_intl_en-3.1.193.1-*.whl -d tccli_intl_en)

Per page the output holds, from the DEFINITIONS of the page's language:
  inputs  [{name, type (= definitions' `member`), list (type == "list"), required, disabled}]
  outputs [{name, type, list, nullable (= value_allowed_null), disabled}]   (RequestId included)
  domain  "{service}.tencentcloudapi.com" (zh/tccli) or "{service}.intl.tencentcloudapi.com" (en/tccli-intl-en,
          the default endpoint tccli-intl-en's configure.py writes)
and, from the PAGE text (hand-annotated, machine-checked below):
  page_domain, rate_limit, error_codes, examples_shown
and page_vs_definitions: differences between the page's member rows and the definitions.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.dirname(HERE)
sys.path.insert(0, HERE)
WHEELS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'wheels')
from page_meta import M  # noqa: E402

DEFS = {
    'zh': ('tccli', 'tccli==3.1.189.1', '{svc}.tencentcloudapi.com'),
    'en': ('tccli_intl_en', 'tccli-intl-en==3.1.193.1', '{svc}.intl.tencentcloudapi.com'),
}
COMMON = {'Action', 'Version', 'Region'}

# page scalar type -> set of acceptable definitions `member` values
SCALAR = {
    'String': {'string'},
    'Integer': {'int64', 'uint64', 'int32', 'uint32', 'int', 'integer'},
    'Boolean': {'bool'},
    'Float': {'float', 'double'},
    # display formats that the definitions store as strings
    'Timestamp': {'string', 'datetime', 'date'},
    'Date': {'string', 'date', 'datetime'},
    'Timestamp ISO8601': {'string', 'datetime_iso'},
}


def load_api(lang, svc, ver):
    pkg = DEFS[lang][0]
    p = os.path.join(WHEELS, pkg, 'tccli', 'services', svc, 'v' + ver.replace('-', ''), 'api.json')
    if not os.path.exists(p):
        return None
    with open(p, encoding='utf-8') as fh:
        return json.load(fh)


def split_page_type(t):
    """'Array of Foo' -> (True, 'Foo'); 'Foo' -> (False, 'Foo')."""
    if t.startswith('Array of '):
        return True, t[len('Array of '):]
    return False, t


def page_type_matches(page_t, d):
    is_list, base = split_page_type(page_t)
    if is_list != (d['type'] == 'list'):
        return False
    if base in SCALAR:
        return d['member'] in SCALAR[base]
    return base == d['member']


def page_required(v):
    return {'Yes': True, '是': True, 'No': False, '否': False, None: None}[v]


def defs_members(api, obj):
    return api['objects'][obj]['members']


def compare(side, page_rows, defs, is_input, nullable=None):
    diffs = []
    dmap = {d['name']: d for d in defs}
    # the page writes list members as 'Name.N' (input side only)
    def key(n):
        return n[:-2] if n.endswith('.N') else n
    pnames = []
    for row in page_rows:
        name, ptype = row[0], row[1]
        k = key(name)
        pnames.append(k)
        d = dmap.get(k)
        if d is None:
            diffs.append({'side': side, 'member': name, 'kind': 'page_only', 'page_type': ptype})
            continue
        if is_input and name.endswith('.N') != (d['type'] == 'list'):
            diffs.append({'side': side, 'member': name, 'kind': 'list_suffix_differs',
                          'page_type': ptype, 'defs_type': d['type'], 'defs_member': d['member']})
        if not page_type_matches(ptype, d):
            diffs.append({'side': side, 'member': name, 'kind': 'type_differs',
                          'page_type': ptype, 'defs_type': d['type'], 'defs_member': d['member']})
        elif split_page_type(ptype)[1] in ('Timestamp', 'Date', 'Timestamp ISO8601'):
            diffs.append({'side': side, 'member': name, 'kind': 'type_display_format',
                          'page_type': ptype, 'defs_type': d['type'], 'defs_member': d['member'],
                          'note': 'not an error: the page shows a display format, the definitions a plain type'})
        if is_input:
            preq = page_required(row[2])
            if preq is not None and preq != bool(d.get('required', False)):
                diffs.append({'side': side, 'member': name, 'kind': 'required_differs',
                              'page_required': preq, 'defs_required': bool(d.get('required', False))})
        if not is_input and name in (nullable or {}) and name != 'RequestId':
            if nullable[name] != bool(d.get('value_allowed_null', False)):
                diffs.append({'side': side, 'member': name, 'kind': 'nullable_differs',
                              'page_nullable': nullable[name],
                              'defs_nullable': bool(d.get('value_allowed_null', False))})
    for d in defs:
        if d['name'] not in pnames:
            diffs.append({'side': side, 'member': d['name'], 'kind': 'defs_only',
                          'defs_type': d['type'], 'defs_member': d['member'],
                          'disabled': bool(d.get('disabled', False))})
    return diffs


OUTPUT_HEADER = re.compile(r'(参数名称|Parameter Name)[\s|]+(类型|Type)[\s|]+(描述|Description)', re.I)
NULL_NOTE = re.compile(r'may return null|可能返回 ?null', re.I)


def page_nullable(text, outputs):
    """Which output rows carry the page's "may return null" note (machine-read: from each row's
    first line to the next row's)."""
    text = text.replace('\u00a0', ' ')
    header = OUTPUT_HEADER.search(text)
    if not header:
        return {}
    lines = text[header.end():].split('\n')
    starts = []
    for name, _ in outputs:
        row = re.compile(r'^\s*\|?\s*' + re.escape(name) + r'(\s*\||\s)')
        at = next((i for i, line in enumerate(lines) if row.match(line) and (not starts or i > starts[-1][1])), None)
        if at is not None:
            starts.append((name, at))
    marked = {}
    for k, (name, at) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else at + 1
        marked[name] = bool(NULL_NOTE.search('\n'.join(lines[at:end])))
    return marked


def check_page_text(stem, text, m):
    """Cheap machine checks that the hand annotations match the page text."""
    problems = []
    text = text.replace('\u00a0', ' ')
    for row in m['inputs'] + m['outputs']:
        if row[0] not in text:
            problems.append('member not in text: ' + row[0])
        if row[1] not in text:
            problems.append('type not in text: ' + row[1])
    for c in m['error_codes']:
        if not re.search(r'(^|\n)\|? ?' + re.escape(c) + r' \|', text):
            problems.append('error code row not found: ' + c)
    if m['rate_limit'] is not None and not re.search(r'(?<!\d)%d(?!\d)' % m['rate_limit'], text):
        problems.append('rate limit number not in text')
    if m['page_domain'] and m['page_domain'] not in text:
        problems.append('domain not in text')
    if 'RequestId' not in [r[0] for r in m['outputs']]:
        problems.append('no RequestId output row annotated')
    return problems


def main():
    with open(os.path.join(PAGES, 'manifest.json'), encoding='utf-8') as fh:
        manifest = json.load(fh)
    result = {
        '_definitions': {'zh': DEFS['zh'][1], 'en': DEFS['en'][1]},
        '_note': ('inputs/outputs/domain come from the definitions of the page language; '
                  'page_domain/rate_limit/error_codes/examples_shown come from the page text; '
                  'page_vs_definitions compares the page member rows (common params Action/Version/Region '
                  'excluded) with the definitions. kinds: page_only, defs_only, type_differs, '
                  'required_differs, list_suffix_differs, type_display_format, nullable_differs (null note of the page row, machine-read, against value_allowed_null), action_missing.'),
        'pages': {},
    }
    all_problems = {}
    for e in manifest:
        stem = e['file'][:-4]
        m = M[stem]
        with open(os.path.join(PAGES, e['file']), encoding='utf-8') as fh:
            text = fh.read()
        probs = check_page_text(stem, text, m)
        if probs:
            all_problems[stem] = probs
        lang, svc, ver, action = e['lang'], e['service'], e['version'], e['action']
        marked = page_nullable(text, m['outputs'])
        api = load_api(lang, svc, ver)
        entry = {
            'service': svc, 'version': ver, 'action': action, 'lang': lang,
            'definitions': DEFS[lang][1],
            'domain': DEFS[lang][2].format(svc=svc),
            'page_domain': m['page_domain'],
            'rate_limit': m['rate_limit'],
            'error_codes': m['error_codes'],
            'examples_shown': m['examples_shown'],
            'page_inputs': [{'name': r[0], 'type': r[1], 'required': page_required(r[2])} for r in m['inputs']],
            'page_outputs': [{'name': r[0], 'type': r[1], 'nullable': marked.get(r[0])} for r in m['outputs']],
        }
        if api is None or action not in api['actions']:
            entry['inputs'] = None
            entry['outputs'] = None
            entry['page_vs_definitions'] = [{'kind': 'action_missing',
                                             'note': '%s not in %s %s v%s' % (action, DEFS[lang][1], svc, ver)}]
        else:
            act = api['actions'][action]
            din = defs_members(api, act['input'])
            dout = defs_members(api, act['output'])
            entry['inputs'] = [{'name': d['name'], 'type': d['member'], 'list': d['type'] == 'list',
                                'required': bool(d.get('required', False)),
                                'disabled': bool(d.get('disabled', False))} for d in din]
            entry['outputs'] = [{'name': d['name'], 'type': d['member'], 'list': d['type'] == 'list',
                                 'nullable': bool(d.get('value_allowed_null', False)),
                                 'disabled': bool(d.get('disabled', False))} for d in dout]
            entry['page_vs_definitions'] = (compare('input', m['inputs'], din, True)
                                            + compare('output', m['outputs'], dout, False, marked))
        result['pages'][e['file']] = entry
    with open(os.path.join(PAGES, 'expected.json'), 'w', encoding='utf-8') as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
        fh.write('\n')
    n_diff = sum(1 for p in result['pages'].values() if p['page_vs_definitions'])
    print('%d pages written, %d with page/definition differences' % (len(result['pages']), n_diff))
    if all_problems:
        print('ANNOTATION PROBLEMS:')
        for k, v in all_problems.items():
            print(' ', k, v)
        sys.exit(1)


if __name__ == '__main__':
    main()
