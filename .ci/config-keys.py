#!/usr/bin/env python3
"""Lists every configuration key of the project's @ConfigMapping interfaces (cumulus.*) and checks that README.md's
configuration table names each one. A key counts as named when the table has it in full, or names its group and its
last part (`cumulus.aggregate.retry.max-retries`, `.delay` ...). Exits 1 and lists the missing keys otherwise."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent

def kebab(name):
    return re.sub(r'(?<!^)([A-Z])', lambda m: '-' + m.group(1).lower(), name)

def keys_of(text):
    prefix = re.search(r'@ConfigMapping\(prefix\s*=\s*"([^"]+)"', text).group(1)
    body = text[text.index('{', text.index('interface')) + 1:]
    keys, stack, depth, pending = [], [prefix], 0, None
    i = 0
    for line in body.splitlines():
        code = re.sub(r'//.*', '', line)
        m = re.match(r'\s*(?:public\s+)?interface\s+(\w+)', code)
        if m:
            pending = m.group(1)
        m = re.match(r'\s*(?:[\w<>?,.\s\[\]]+)\s+(\w+)\(\)\s*;', code)
        if m and not code.strip().startswith(('return', 'default', 'static')):
            name = m.group(1)
            typ = code.strip().split()[0]
            # a nested group accessor (its type is an interface declared in this file) is not a key itself
            if not re.search(r'interface\s+' + re.escape(typ) + r'\b', text):
                keys.append('.'.join(stack + [kebab(name)]))
        for ch in code:
            if ch == '{':
                depth += 1
                if pending:
                    # the group's key is the accessor that returns this interface
                    acc = re.search(r'\b' + pending + r'\s+(\w+)\(\)\s*;', text)
                    stack.append(kebab(acc.group(1)) if acc else kebab(pending))
                    stack_depths.append(depth)
                    pending = None
            elif ch == '}':
                if stack_depths and stack_depths[-1] == depth:
                    stack_depths.pop(); stack.pop()
                depth -= 1
    return keys

stack_depths = []
sources = [p for p in root.glob('functions/**/src/main/java/**/*.java') if '@ConfigMapping' in p.read_text()]
readme = root.joinpath('README.md').read_text()
table = '\n'.join(l for l in readme.splitlines() if l.startswith('| `cumulus.') or l.startswith('| `quarkus.'))
missing = []
for path in sorted(sources):
    stack_depths = []
    for key in keys_of(path.read_text()):
        group, last = key.rsplit('.', 1)
        named = ('`' + key + '`') in table or any(
            group in row and re.search(r'[`./ ]' + re.escape(last) + r'`', row) for row in table.splitlines())
        if '-v' in sys.argv:
            print(('ok      ' if named else 'MISSING ') + key)
        if not named:
            missing.append(f'{key} ({path.relative_to(root)})')
if missing:
    print('configuration keys missing from README.md\'s configuration table:')
    print('\n'.join('  ' + m for m in missing))
    sys.exit(1)
print(f'every configuration key of {len(sources)} @ConfigMapping interfaces is in README.md')
