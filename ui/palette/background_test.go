package palette

import "testing"

func TestFromEnviron(t *testing.T) {
	for _, tt := range []struct {
		env  []string
		want Background
	}{
		{[]string{"TERM=xterm", "COLORFGBG=0;15"}, Light},
		{[]string{"COLORFGBG=0;7"}, Light},
		{[]string{"COLORFGBG=0;default;15"}, Light},
		{[]string{"COLORFGBG=15;0"}, Dark},
		{[]string{"COLORFGBG=7;8"}, Dark},
		{[]string{"COLORFGBG=15;default"}, Unknown},
		{[]string{"COLORFGBG=15"}, Unknown},
		{[]string{"COLORFGBG=0;255"}, Unknown},
		{[]string{"COLORFGBG="}, Unknown},
		{[]string{"XCOLORFGBG=0;15"}, Unknown},
		{nil, Unknown},
	} {
		if got := FromEnviron(tt.env); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.env, got, tt.want)
		}
	}
}
