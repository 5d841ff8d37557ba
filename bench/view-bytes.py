#!/usr/bin/env python3
"""The bytes issue 11's views take in a built site: their folders, the entity feeds, the
sections of actor and country pages, the threads beside claims in articles, and their menu
entries on every other page; and the share they add to the output without them
(docs/performance.md, "Session 5"). Usage: python3 bench/view-bytes.py OUT"""
import os, re, subprocess, sys
out = sys.argv[1]
du = lambda p: int(subprocess.check_output(['du', '-sb', p]).split()[0])
parts = {}
total = du(out)
for d in ['matrix', 'claims', 'timeline', 'tags', 'disputes']:
    parts[d + '/'] = du(os.path.join(out, d)) if os.path.exists(os.path.join(out, d)) else 0
feeds = graph = etl = feedlink = threads = menu = 0
menu_res = [re.compile(r'<li class=nav-group>.*?</details></li>', re.S),
            re.compile(r'<li><a [^>]*href="[./]*(timeline|matrix|claims|disputes|tags)/"[^>]*>[^<]*</a></li>')]
pages = 0
for root, dirs, files in os.walk(out):
    rel = os.path.relpath(root, out)
    top = rel.split(os.sep)[0]
    for f in files:
        path = os.path.join(root, f)
        if f == 'feed.xml' and top in ('actors', 'countries'):
            feeds += os.path.getsize(path)
        if not f.endswith('.html'):
            continue
        s = open(path, 'rb').read().decode('utf-8')
        pages += 1
        if top in ('matrix', 'claims', 'timeline', 'tags', 'disputes'):
            continue
        group, entries = menu_res
        menu += sum(len(m.group(0).encode()) for m in group.finditer(s))
        menu += sum(len(m.group(0).encode()) for m in entries.finditer(group.sub('', s)))
        if top in ('actors', 'countries'):
            for m in re.finditer(r'<section[^>]*relation-graph.*?</section>', s, re.S):
                graph += len(m.group(0).encode())
            for m in re.finditer(r'<section[^>]*entity-timeline.*?</section>', s, re.S):
                etl += len(m.group(0).encode())
            for m in re.finditer(r'<link[^>]*href="[./]*(actors|countries)/[^"/]+/feed\.xml"[^>]*>', s):
                feedlink += len(m.group(0).encode())
        if top == 'articles':
            for m in re.finditer(r'<div class=claim-thread>.*?</div>', s, re.S):
                threads += len(m.group(0).encode())
parts['entity feeds'] = feeds
parts['actor graphs'] = graph
parts['entity timeline sections'] = etl
parts['feed links in entity pages'] = feedlink
parts['threads beside claims (articles)'] = threads
parts['menu entries (pages outside the views)'] = menu
views = sum(parts.values())
for k, v in parts.items():
    print(f'{k}\t{v}')
print(f'views\t{views}')
print(f'total\t{total}')
print(f'without views\t{total - views}')
print(f'views / without\t{100 * views / (total - views):.1f}%')
print(f'html pages\t{pages}')
