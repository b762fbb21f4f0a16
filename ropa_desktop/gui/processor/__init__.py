"""The processor's register (Art. 30(2)) in the editor: processing for clients, clients, general security."""
