#!/bin/sh
# summary.sh BUILD...: adds up the results of the passes of make test.
total_p=0 total_f=0 total_s=0 st=0
echo
echo "== kitgen test summary =="
for b in "$@"; do
	case $b in
	*/san) what="ASan + UBSan build" ;;
	*) what="optimised build" ;;
	esac
	if [ ! -f "$b/results" ]; then
		printf '  %-20s did not run\n' "$what"
		st=1
		continue
	fi
	read -r p f s < "$b/results"
	printf '  %-20s %s passed, %s failed, %s skipped\n' "$what" "$p" "$f" "$s"
	total_p=$((total_p + p)) total_f=$((total_f + f)) total_s=$((total_s + s))
	[ "$f" -eq 0 ] || st=1
done
if [ "$st" -eq 0 ]; then echo "PASS"; else echo "FAIL"; fi
echo "total: $total_p passed, $total_f failed, $total_s skipped"
exit $st
