from model_trainer.launch import main

main()
