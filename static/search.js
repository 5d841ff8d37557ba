// search client: written with the search index (issue 3)
