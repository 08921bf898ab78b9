// SongEmotion: the RAVDESS song corpus, its splits, and the 386-value feature recipe.
