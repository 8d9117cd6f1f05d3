package suite

import "testing"

func TestCheckLevels(t *testing.T) {
	for _, c := range []struct {
		whys []string
		want string
	}{
		{[]string{"", ""}, ""},
		{[]string{"build failed: x", "build failed: x"}, "build failed: x"},
		{[]string{"", "exit status 1, want 0"}, "passes at O0 but not at default: exit status 1, want 0"},
		{[]string{"a", "b"}, "fails differently at each optimisation level:\nat O0: a\nat default: b"},
	} {
		if got := CheckLevels(c.whys); got != c.want {
			t.Errorf("CheckLevels(%q) = %q, want %q", c.whys, got, c.want)
		}
	}
}

func TestFlagTarget(t *testing.T) {
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, "linux_amd64"},
		{[]string{"-O0"}, "linux_amd64"},
		{[]string{"--target", "linux_arm64"}, "linux_arm64"},
		{[]string{"-O0", "-target=linux_arm64"}, "linux_arm64"},
	} {
		if got := flagTarget(c.flags); got != c.want {
			t.Errorf("flagTarget(%q) = %q, want %q", c.flags, got, c.want)
		}
	}
}
