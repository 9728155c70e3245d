#!/usr/bin/env python3
"""Makes a variant of the generated nexus crate: variants.py BASE_DIR OUT_DIR VARIANT...

Each `variant_<name>` edits a copy of the crate (never the generator) to measure what one idea
would buy; see README.md beside this file."""
import re, shutil, sys, pathlib

def items(text):
    """Top-level items of a generated file: (lines, [(start, end)]) with attrs/docs included."""
    lines = text.split('\n')
    out = []; start = None
    for i, line in enumerate(lines):
        if start is None and (line.startswith('///') or line.startswith('#[') or line.startswith('pub ') or line.startswith('impl')):
            start = i
        if start is not None:
            one_line = line.endswith(';') and (line.startswith('pub type') or re.match(r'^pub struct \w+(\(.*\))?;$', line) or (line.startswith('pub ') and not line.startswith(('pub struct', 'pub enum'))))
            if line.startswith('}') or one_line:
                out.append((start, i)); start = None
    return lines, out

IDENT = re.compile(r'\b[A-Z][A-Za-z0-9_]*\b')

def type_graph(types_text):
    lines, its = items(types_text)
    bodies = {}
    for (s, e) in its:
        block = '\n'.join(lines[s:e+1])
        m = re.search(r'^pub (struct|enum|type) (\w+)', block, re.M)
        if m and not re.search(r'^impl', block, re.M):
            bodies[m.group(2)] = block
    graph = {}
    for name, block in bodies.items():
        code = '\n'.join(l for l in block.split('\n') if not l.strip().startswith('///'))
        graph[name] = {r for r in IDENT.findall(code) if r in bodies and r != name}
    return graph

def closure(graph, roots):
    seen = set(); todo = [r for r in roots if r in graph]
    while todo:
        n = todo.pop()
        if n in seen: continue
        seen.add(n); todo.extend(graph[n] - seen)
    return seen

def error_types(types_text):
    errors = set(re.findall(r'^impl crate::runtime::error::ErrorBody for (\w+) \{', types_text, re.M))
    errors |= {alias for alias, target in re.findall(r'^pub type (\w+) = (\w+);', types_text, re.M) if target in errors}
    return errors

def direction(src):
    types = (src / 'types.rs').read_text()
    graph = type_graph(types)
    requests = (src / 'requests.rs').read_text()
    # Sent: the request bodies (parameters travel through ToParam, not Serialize).
    bodies = re.findall(r'pub\(crate\) body: ([^,\n]*)', requests)
    sent = closure(graph, {r for body in bodies for r in IDENT.findall(body) if r in graph})
    ops = (src / 'operations.rs').read_text()
    received_roots = {r for r in IDENT.findall(ops) if r in graph}
    for name in error_types(types):
        received_roots |= graph.get(name, set())
    received = closure(graph, received_roots)
    unused = set(graph) - sent - received
    return graph, sent, received, unused

def variant_direction(src):
    graph, sent, received, unused = direction(src)
    need_ser, need_de = sent | unused, received | unused
    text = (src / 'types.rs').read_text()
    lines, its = items(text)
    drop = []
    for (s, e) in its:
        block = '\n'.join(lines[s:e+1])
        m = re.search(r'^pub (struct|enum) (\w+)', block, re.M)
        if m and not re.search(r'^impl', block, re.M):
            name = m.group(2)
            for i in range(s, e+1):
                if lines[i].startswith('#[derive('):
                    if name not in need_ser: lines[i] = lines[i].replace(', serde::Serialize', '')
                    if name not in need_de: lines[i] = lines[i].replace(', serde::Deserialize', '')
            continue
        m = re.match(r"impl(<'de>)? serde::(Serialize|Deserialize<'de>) for (\w+)", lines[s])
        if m:
            name = m.group(3)
            if (m.group(2) == 'Serialize' and name not in need_ser) or (m.group(2) != 'Serialize' and name not in need_de):
                drop.append((s, e))
    for (s, e) in reversed(drop):
        del lines[s:e+1]
    (src / 'types.rs').write_text('\n'.join(lines))
    print(f'direction: {len(graph)} types: sent {len(sent)}, received {len(received)}, both {len(sent & received)}, '
          f'neither {len(unused)}; Serialize on {len(need_ser)}, Deserialize on {len(need_de)}', file=sys.stderr)

def variant_no_ord_hash(src):
    t = (src / 'types.rs').read_text()
    t = t.replace('#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]', '#[derive(Debug, Clone, PartialEq, Eq)]')
    (src / 'types.rs').write_text(t)

def variant_one_match(src):
    """Open enums: From<String> reuses the &str table instead of a second match."""
    t = (src / 'types.rs').read_text()
    t = re.sub(r'impl From<String> for (\w+) \{\n    fn from\(value: String\) -> Self \{\n        match value.as_str\(\) \{\n(?:.*\n)*?        \}\n    \}\n\}',
               lambda m: f'impl From<String> for {m.group(1)} {{\n    fn from(value: String) -> Self {{\n        match Self::from(value.as_str()) {{\n            Self::Other(_) => Self::Other(value),\n            known => known,\n        }}\n    }}\n}}', t)
    (src / 'types.rs').write_text(t)

def variant_no_partialeq(src):
    for f in ['types.rs', 'requests.rs']:
        t = (src / f).read_text()
        t = t.replace(', PartialEq, Eq, Hash, PartialOrd, Ord)', ')').replace(', PartialEq, Eq,', ',').replace(', PartialEq)', ')').replace(', PartialEq,', ',')
        (src / f).write_text(t)

def variant_requests_no_derives(src):
    t = (src / 'requests.rs').read_text()
    t = t.replace('#[derive(Debug, Clone, PartialEq)]\n#[must_use]\npub struct', '#[derive(Debug)]\n#[must_use]\npub struct')
    (src / 'requests.rs').write_text(t)

def variant_no_typed_errors(src):
    t = (src / 'requests.rs').read_text()
    t = re.sub(r'\n\s*\.errors\(crate::types::\w+::decode\)', '', t)
    (src / 'requests.rs').write_text(t)
    text = (src / 'types.rs').read_text()
    errors = error_types(text)
    lines, its = items(text)
    drop = []
    for (s, e) in its:
        block = '\n'.join(lines[s:e+1])
        m = re.search(r'^(?:pub (?:enum|type) (\w+)|impl(?:.*) for (\w+) \{|impl (\w+) \{)', block, re.M)
        if m and (m.group(1) or m.group(2) or m.group(3)) in errors:
            drop.append((s, e))
    for (s, e) in reversed(drop):
        del lines[s:e+1]
    (src / 'types.rs').write_text('\n'.join(lines))
    lib = (src / 'lib.rs').read_text()
    for name in errors:
        lib = re.sub(r'\b' + name + r'\b,?', '', lib)
    (src / 'lib.rs').write_text(lib)
    ops = (src / 'operations.rs').read_text()
    ops = re.sub(r'\[`\w+Error::from_error`\]\(crate::\w+Error::from_error\)', '`from_error`', ops)
    (src / 'operations.rs').write_text(ops)
    print(f'no_typed_errors: {len(errors)} error types and aliases removed', file=sys.stderr)

def variant_no_docs(src):
    for f in src.rglob('*.rs'):
        t = f.read_text()
        t = '\n'.join(l for l in t.split('\n') if not l.strip().startswith('///'))
        f.write_text(t.replace('#![deny(missing_docs)]', ''))

def variant_thin_execute(src):
    """execute<T>: a non-generic async core returning bytes, then a small generic decode."""
    c = (src / 'runtime/client.rs').read_text()
    old = re.search(r'    pub async fn execute<T: serde::de::DeserializeOwned>\(&self, call: Call\) -> Result<T, Error> \{\n(?:.*\n)*?    \}\n', c).group(0)
    new = '''    pub async fn execute<T: serde::de::DeserializeOwned>(&self, call: Call) -> Result<T, Error> {
        let body = self.execute_raw(call).await?;
        error::decode(&body, &self.secrets()).inspect_err(|error| {
            tracing::info!(%error, "reply not understood");
        })
    }

    /// The non-generic part of [`Client::execute`].
    async fn execute_raw(&self, call: Call) -> Result<Vec<u8>, Error> {
        let span = call_span(&call);
        self.send(&call).instrument(span).await
    }
'''
    (src / 'runtime/client.rs').write_text(c.replace(old, new))


LEAN_HELPER = '''
/// Experiment: the field table lookup shared by every lean `Deserialize`.
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FieldIndex {
    type Value = Option<usize>;
    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a field name")
    }
    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|field| *field == value))
    }
}
'''

def parse_fields(body_lines):
    """[(name, key, type, attrs)] of a struct body, or None when unsupported."""
    fields = []; attrs = ''; pending = ''
    for line in body_lines:
        s = line.strip()
        if not s or s.startswith('///'): continue
        pending += ' ' + s
        if pending.count('(') != pending.count(')') or pending.count('[') != pending.count(']'): continue
        p = pending.strip(); pending = ''
        if p.startswith('#[serde('):
            attrs += p; continue
        m = re.match(r'pub (r#)?(\w+): (.*),$', p)
        if not m: return None
        name = (m.group(1) or '') + m.group(2)
        fields.append((name, m.group(2), m.group(3), attrs)); attrs = ''
    return fields

def lean_impl(struct, fields):
    names = ', '.join(f'"{key}"' for _, key, _, _ in fields)
    lets = []; arms = []; builds = []; wrappers = []
    for i, (name, key, ty, attrs) in enumerate(fields):
        var = f'field_{i}'
        lets.append(f'let mut {var}: Option<{ty}> = None;')
        w = re.search(r'with = "([^"]+)"', attrs)
        if w:
            wrappers.append(f'struct With{i}({ty});\nimpl<\'de> serde::Deserialize<\'de> for With{i} {{ fn deserialize<D: serde::Deserializer<\'de>>(deserializer: D) -> Result<Self, D::Error> {{ {w.group(1)}::deserialize(deserializer).map(With{i}) }} }}')
            arms.append(f'Some({i}) => {var} = Some(map.next_value::<With{i}>()?.0),')
        else:
            arms.append(f'Some({i}) => {var} = Some(map.next_value()?),')
        if 'default' in attrs or ty.startswith('Option<'):
            builds.append(f'{name}: {var}.unwrap_or_default(),')
        else:
            builds.append(f'{name}: {var}.ok_or_else(|| <M::Error as serde::de::Error>::missing_field("{key}"))?,')
    nl = '\n'
    return f'''
impl<'de> serde::Deserialize<'de> for {struct} {{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{
        {nl.join(wrappers)}
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {{
            type Value = {struct};
            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
                formatter.write_str("struct {struct}")
            }}
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<{struct}, M::Error> {{
                const FIELDS: &[&str] = &[{names}];
                {nl.join(lets)}
                while let Some(field) = map.next_key_seed(crate::runtime::wire::FieldIndex(FIELDS))? {{
                    match field {{
                        {nl.join(arms)}
                        _ => {{ map.next_value::<serde::de::IgnoredAny>()?; }}
                    }}
                }}
                Ok({struct} {{ {nl.join(builds)} }})
            }}
        }}
        deserializer.deserialize_map(Visitor)
    }}
}}
'''

def variant_lean_de(src):
    """Structs: a lean generated `Deserialize` (map only, one shared field-table lookup) instead of the derive."""
    text = (src / 'types.rs').read_text()
    lines, its = items(text)
    impls = []; count = 0
    for (s, e) in its:
        block = lines[s:e+1]
        joined = '\n'.join(block)
        m = re.search(r'^pub struct (\w+) \{$', joined, re.M)
        if not m or 'serde::Deserialize' not in joined: continue
        head = [l for l in block if l.startswith('#[')]
        if any(l.startswith('#[serde') for l in head): continue
        start = next(i for i, l in enumerate(block) if l.startswith('pub struct'))
        fields = parse_fields(block[start+1:-1])
        if fields is None: continue
        for i in range(s, e+1):
            if lines[i].startswith('#[derive('):
                lines[i] = lines[i].replace(', serde::Deserialize', '')
                bare = 'serde::' not in lines[i]
        if bare:
            # No serde derive left: the field attributes must go too.
            i = s
            while i <= e:
                if lines[i].strip().startswith('#[serde('):
                    j = i
                    while not lines[j].rstrip().endswith(')]'): j += 1
                    for k in range(i, j + 1): lines[k] = ''
                    i = j
                i += 1
        impls.append(lean_impl(m.group(1), fields)); count += 1
    (src / 'types.rs').write_text('\n'.join(lines) + '\n'.join(impls))
    wire = src / 'runtime/wire.rs'
    wire.write_text(wire.read_text() + LEAN_HELPER)
    print(f'lean_de: {count} struct Deserialize derives replaced', file=sys.stderr)

def variant_runtime_only(src):
    """The runtime alone, as a crate: an upper bound of what moving it into a prebuilt crate saves."""
    for name in ['api.rs', 'operations.rs', 'requests.rs', 'types.rs']:
        (src / name).unlink()
    shutil.rmtree(src.parent / 'examples', ignore_errors=True)
    (src / 'lib.rs').write_text('#![allow(dead_code)]\n//! The runtime alone.\npub mod runtime;\npub use runtime::client::Client;\npub use runtime::error::Error;\n')


VARIANTS = {name[len('variant_'):]: fn for name, fn in list(globals().items()) if name.startswith('variant_')}


def variant_no_nullable(src):
    """Upper bound of the Option<Option<_>> adapters: plain `Option<Option<T>>` fields (serde then reads null as None)."""
    t = (src / 'types.rs').read_text()
    t = re.sub(r',\n\s*with = "crate::runtime::wire::nullable"', '', t)
    (src / 'types.rs').write_text(t)

VARIANTS = {name[len('variant_'):]: fn for name, fn in list(globals().items()) if name.startswith('variant_')}

if __name__ == '__main__':
    base, out, *names = sys.argv[1:]
    base, out = pathlib.Path(base), pathlib.Path(out)
    if out.exists(): shutil.rmtree(out)
    shutil.copytree(base, out, ignore=shutil.ignore_patterns('target*'))
    for n in names:
        VARIANTS[n](out / 'src')
