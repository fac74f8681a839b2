package gen

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// The cast of the corpus: bylines with their (mostly missing) biographies,
// names quoted in the text, and the category pairs. They come from a fixed
// seed, not from -seed, so that every generated corpus shares one world of
// authors and only the articles differ.

const surnameText = `Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo
Liang Song Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Su Lu Jiang Cai Jia
Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Liao Zou Xiong Jin Hao Kong Bai
Cui Kang Mao Qiu Qin Gu Hou Shao Meng Long Wan Duan Lei Qian Yin`

const syllableText = `Hui Yu Xin Qing Wei Jing Yan Lei Ying Min Jie Tao Hao Yang Fan Bo Chao Dan Fei Gang
Hong Jun Kai Lan Lin Mei Na Ning Peng Qiang Rui Shan Shuo Ting Wen Xia Xue Yi Yue Yun Zhen Zhi Chen Zi
Ruo Han Xuan Yao Lu Meng Ran Si Tian Xiao Shu Qi An Jia Sha Kun Wan Tong Ming Zhuo Ze Hang Yuan`

const westernFirstText = `Andrew John Michael David Sarah Emma James Robert Maria José François Jürgen
Søren Björn Zoë Renée Joaquín Inés Łukasz Zoltán Ayşe Ahmed Fatima Olga Ivan Dmitry Anna Pierre Hans
Lars Kwame Amina Carlos Lucía Raúl Thomas Peter Paul Martin Elena Sofia Chloé Noémie`

const westernLastText = `Smith Johnson Brown Miller Wilson Taylor Anderson Müller Martínez García Pérez
Núñez Dubois Lefèvre Nielsen Lindqvist Nowak Kovács Yılmaz Šimić Ivanov Petrov Schmidt Rossi Bianchi
Silva Santos Mensah Okafor Haddad Khan Singh Tanaka Sato Kim Park Nguyen Hart Walsh O'Brien`

const jobText = `Reporter; Senior reporter; Chief reporter; Editor; Opinion editor; Columnist;
Commentator; Contributing writer; Research fellow; Deputy editor-in-chief; Photographer;
Business reporter; Culture reporter; Sports editor`

const beatText = `diplomacy; military affairs; the economy; trade; technology; culture; society;
public health; the environment; sport; Asia-Pacific affairs; European affairs; energy; education`

// placeholder is the text the scraper writes when a byline has no biography.
const placeholder = "Author details not found"

type byline struct{ name, title, desc string }

type category struct {
	c1, c2 string
	weight float64
}

// categories mirrors the spread of the real corpus: news about China and
// opinion pieces dominate, culture and sport are rare.
func categories() []category {
	return []category{
		{"CHINA", "POLITICS", 8}, {"CHINA", "SOCIETY", 9}, {"CHINA", "DIPLOMACY", 6},
		{"CHINA", "MILITARY", 4}, {"CHINA", "SCIENCE", 3}, {"CHINA", "HMT", 2},
		{"OPINION", "EDITORIAL", 4}, {"OPINION", "VIEWPOINT", 7}, {"OPINION", "OBSERVER", 3},
		{"OPINION", "ASIAN REVIEW", 1}, {"WORLD", "ASIA-PACIFIC", 6}, {"WORLD", "AMERICAS", 4},
		{"WORLD", "EUROPE", 4}, {"WORLD", "MIDEAST", 3}, {"WORLD", "AFRICA", 2},
		{"BUSINESS", "ECONOMY", 7}, {"BUSINESS", "COMPANIES", 3}, {"BUSINESS", "MARKETS", 2},
		{"SPORT", "OLYMPICS", 1}, {"SPORT", "FOOTBALL", 1}, {"LIFE", "CULTURE", 3},
		{"LIFE", "ENTERTAINMENT", 2}, {"LIFE", "TRAVEL", 1}, {"ARTS", "ART", 1},
		{"ARTS", "THEATER", 1}, {"SOURCE", "GT VOICE", 2}, {"IN-DEPTH", "IN-DEPTH", 2},
		{"IN-DEPTH", "INSIGHT", 1},
	}
}

// contact is the e-mail line that ends most articles of a section.
func contact(c1 string) string {
	switch c1 {
	case "OPINION", "SOURCE":
		return "opinion@globaltimes.com.cn"
	case "IN-DEPTH":
		return "indepth@globaltimes.com.cn"
	case "SPORT":
		return "sports@globaltimes.com.cn"
	}
	return strings.ToLower(c1) + "@globaltimes.com.cn"
}

// nameMaker invents personal names: mostly Chinese, some Western, with
// accented letters so that search folding has something to fold.
type nameMaker struct {
	r                     *rand.Rand
	sur, syl, first, last []string
}

func newNameMaker(seed uint64) *nameMaker {
	return &nameMaker{
		r:     rand.New(rand.NewPCG(seed, 0x6e616d6573)),
		sur:   strings.Fields(surnameText),
		syl:   strings.Fields(syllableText),
		first: strings.Fields(westernFirstText),
		last:  strings.Fields(westernLastText),
	}
}

func (m *nameMaker) name() string {
	r := m.r
	if r.IntN(4) == 0 {
		return m.first[r.IntN(len(m.first))] + " " + m.last[r.IntN(len(m.last))]
	}
	given := m.syl[r.IntN(len(m.syl))]
	switch r.IntN(10) {
	case 0: // doubled: Qingqing
		given += strings.ToLower(given)
	case 1, 2, 3, 4, 5:
		given += strings.ToLower(m.syl[r.IntN(len(m.syl))])
	}
	return m.sur[r.IntN(len(m.sur))] + " " + given
}

// names returns n distinct invented names.
func (m *nameMaker) names(n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		if s := m.name(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func peopleNames() []string { return newNameMaker(7).names(300) }

// bylines returns the author pool in rank order: "Global Times" first, then
// a shuffled mix of reporters, co-bylines and agencies.
func bylines() []byline {
	m := newNameMaker(11)
	r := m.r
	jobs, beats := splitList(jobText), splitList(beatText)
	people := m.names(230)
	var pool []byline
	for _, p := range people {
		b := byline{p, placeholder, placeholder}
		switch k := r.IntN(20); {
		case k < 5:
			job := jobs[r.IntN(len(jobs))]
			b.title = job
			b.desc = p + " is a " + strings.ToLower(job) + " with the Global Times, covering " +
				beats[r.IntN(len(beats))] + " and " + beats[r.IntN(len(beats))] + "."
		case k == 5:
			b.title = jobs[r.IntN(len(jobs))]
		}
		pool = append(pool, b)
	}
	for range 70 {
		a, b := people[r.IntN(len(people))], people[r.IntN(len(people))]
		if a != b {
			pool = append(pool, byline{a + " and " + b, placeholder, placeholder})
		}
	}
	for range 10 {
		a, b, c := people[r.IntN(len(people))], people[r.IntN(len(people))], people[r.IntN(len(people))]
		pool = append(pool, byline{a + ", " + b + " and " + c, placeholder, placeholder})
	}
	for _, s := range []string{"Xinhua", "GT staff reporters", "Global Times reporters", "AFP", "Reuters"} {
		pool = append(pool, byline{s, placeholder, placeholder})
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return append([]byline{{"Global Times", placeholder, placeholder}}, pool...)
}

// cumulative turns weights into a running sum for weighted picks.
func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	sum := 0.0
	for i, x := range w {
		sum += x
		out[i] = sum
	}
	return out
}

// pickWeighted draws an index from a cumulative weight table.
func pickWeighted(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, x)
	return min(i, len(cum)-1)
}

// bylineWeights gives "Global Times" about 30% of the articles and spreads
// the rest over the other bylines with a Zipf-like skew (the busiest
// reporter gets ~3%, the top twenty ~27%).
func bylineWeights(n int) []float64 {
	w := make([]float64, n)
	rest := 0.0
	for k := 1; k < n; k++ {
		w[k] = 1 / float64(k+5)
		rest += w[k]
	}
	w[0] = rest * 0.3 / 0.7
	return w
}
