package knowledge

import "embed"

// Corpus holds the bundled pages (five captures about Leaving Las Vegas) as
// corpus/*.txt. A fresh checkout builds its default knowledge base from
// them with no other files.
//
//go:embed corpus/*.txt
var Corpus embed.FS
