import RecLabShell
print("reclab")
